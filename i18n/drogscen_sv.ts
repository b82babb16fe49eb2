<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Drogscen</name>
    <message>
        <location filename="../drogscen_plugin/__main__.py" line="13"/>
        <source>drogscen: error: PyQGIS not found; run this with the Python that QGIS uses, e.g. /usr/bin/python3</source>
        <translation>drogscen: fel: PyQGIS hittades inte; kör detta med den Python som QGIS använder, t.ex. /usr/bin/python3</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="61"/>
        <source>{option}: no such file: {path}</source>
        <translation>{option}: filen finns inte: {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="67"/>
        <source>{option}: cannot read a vector layer from {path}</source>
        <translation>{option}: kan inte läsa ett vektorlager från {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="85"/>
        <source>--out: must be a GeoPackage file ending in .gpkg: {path}</source>
        <translation>--out: måste vara en GeoPackage-fil som slutar på .gpkg: {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="88"/>
        <source>--out: is a directory: {path}</source>
        <translation>--out: är en mapp: {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="92"/>
        <source>--out: must not be an input file ({option}): {path}</source>
        <translation>--out: får inte vara en indatafil ({option}): {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="101"/>
        <source>--out: cannot create the folder {folder}: {reason}</source>
        <translation>--out: kan inte skapa mappen {folder}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="111"/>
        <source>--districts: only used with --report</source>
        <translation>--districts: används bara med --report</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="115"/>
        <source>--report: must be a PDF file ending in .pdf: {path}</source>
        <translation>--report: måste vara en PDF-fil som slutar på .pdf: {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="120"/>
        <source>--report: must not be an input file ({option}): {path}</source>
        <translation>--report: får inte vara en indatafil ({option}): {path}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="130"/>
        <source>--report: cannot create the folder {folder}: {reason}</source>
        <translation>--report: kan inte skapa mappen {folder}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="186"/>
        <source>{option}: the {layer} layer has no field &apos;{field}&apos; (fields: {fields})</source>
        <translation>{option}: lagret {layer} saknar fältet &apos;{field}&apos; (fält: {fields})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="228"/>
        <source>--crs: unknown coordinate reference system: {crs}</source>
        <translation>--crs: okänt koordinatsystem: {crs}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="234"/>
        <source>--crs: {crs} does not measure in metres; choose a projected CRS such as EPSG:3006</source>
        <translation>--crs: {crs} mäter inte i meter; välj ett projicerat koordinatsystem som EPSG:3006</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="265"/>
        <source>--out: cannot write the layer &apos;{layer}&apos; to {path}: {reason}</source>
        <translation>--out: kan inte skriva lagret &apos;{layer}&apos; till {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="284"/>
        <location filename="../drogscen_plugin/cli.py" line="290"/>
        <location filename="../drogscen_plugin/cli.py" line="314"/>
        <source>--out: cannot write {path}: {reason}</source>
        <translation>--out: kan inte skriva {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="305"/>
        <source>--out: the results could not all be put in place ({reason}); the next run on that folder completes them</source>
        <translation>--out: resultaten kunde inte alla läggas på plats ({reason}); nästa körning i den mappen gör det färdigt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="325"/>
        <source>Warnings ({count}):</source>
        <translation>Varningar ({count}):</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="330"/>
        <source>Wrote {path} (layers: {layers}).</source>
        <translation>Skrev {path} (lager: {layers}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="351"/>
        <source>drogscen: the report failed: {message}</source>
        <translation>drogscen: rapporten misslyckades: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="370"/>
        <source>cannot complete the outputs of an interrupted earlier run: {reason}</source>
        <translation>kan inte göra färdigt utdata från en tidigare körning som avbröts: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="411"/>
        <source>drogscen: the analysis failed: {message}</source>
        <translation>drogscen: analysen misslyckades: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="430"/>
        <source>--report: cannot write {path}: {reason}</source>
        <translation>--report: kan inte skriva {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="447"/>
        <source>Report warnings ({count}):</source>
        <translation>Varningar i rapporten ({count}):</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="450"/>
        <location filename="../drogscen_plugin/gui/report_button.py" line="158"/>
        <source>Wrote {path} ({pages} pages).</source>
        <translation>Skrev {path} ({pages} sidor).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="487"/>
        <source>drogscen: error: {message}</source>
        <translation>drogscen: fel: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli.py" line="490"/>
        <source>drogscen: canceled</source>
        <translation>drogscen: avbruten</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="50"/>
        <source> (default: {value})</source>
        <translation> (standard: {value})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="57"/>
        <source>not a number: {text}</source>
        <translation>inte ett tal: {text}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="59"/>
        <source>must be more than 0: {text}</source>
        <translation>måste vara större än 0: {text}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="62"/>
        <source>must be at most {most:g} metres: {text}</source>
        <translation>får vara högst {most:g} meter: {text}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="71"/>
        <source>Drogscen: open drug scenes near schools and preschools, in space and time.</source>
        <translation>Drogscen: öppna drogscener nära skolor och förskolor, i rum och tid.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="79"/>
        <source>run the overlap analysis on two vector layers</source>
        <translation>kör överlappsanalysen på två vektorlager</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="80"/>
        <source>Find, for every school and preschool, the open drug scenes within a distance, the overlapping area and the hours per week a scene is active while the school is open and while it is closed. Writes the layers &apos;overlap&apos; (one row per school and scene) and &apos;summary&apos; (one row per school) to a GeoPackage and prints the affected schools.</source>
        <translation>Tar för varje skola och förskola fram de öppna drogscenerna inom ett avstånd, den överlappande ytan och hur många timmar i veckan en drogscen är aktiv medan skolan är öppen och medan den är stängd. Skriver lagren &apos;overlap&apos; (en rad per skola och drogscen) och &apos;summary&apos; (en rad per skola) till en GeoPackage och skriver ut de berörda skolorna.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="87"/>
        <source>PATH is a file readable by QGIS; pick one layer of a GeoPackage with &apos;file.gpkg|layername=NAME&apos;. Hours are opening_hours text such as &apos;Mo-Fr 07:00-18:00&apos; or &apos;Må-Fr 22-03&apos;. Exit status: 0 done, 1 the analysis failed, 2 a mistake in the command or an unreadable file.</source>
        <translation>PATH är en fil som QGIS kan läsa; välj ett lager i en GeoPackage med &apos;fil.gpkg|layername=NAMN&apos;. Tider anges som opening_hours-text, till exempel &apos;Mo-Fr 07:00-18:00&apos; eller &apos;Må-Fr 22-03&apos;. Slutstatus: 0 klart, 1 analysen misslyckades, 2 fel i kommandot eller en fil som inte kan läsas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="95"/>
        <source>polygon layer of open drug scenes</source>
        <translation>polygonlager med öppna drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="101"/>
        <source>point or polygon layer of schools and preschools</source>
        <translation>punkt- eller polygonlager med skolor och förskolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="107"/>
        <source>GeoPackage to write; layers &apos;overlap&apos; and &apos;summary&apos; in it are replaced, other layers are kept</source>
        <translation>GeoPackage att skriva; lagren &apos;overlap&apos; och &apos;summary&apos; i den ersätts, övriga lager behålls</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="116"/>
        <source>distance around each school in metres{default}</source>
        <translation>avstånd runt varje skola i meter{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="125"/>
        <source>projected CRS in metres to measure in{default}</source>
        <translation>projicerat koordinatsystem i meter att mäta i{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="138"/>
        <source>school field with a distance of its own, used where set</source>
        <translation>skolfält med ett eget avstånd, som används där det är ifyllt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="143"/>
        <source>scene field with the name{default}</source>
        <translation>drogscenens fält med namnet{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="150"/>
        <source>scene field with the active hours{default}</source>
        <translation>drogscenens fält med de aktiva tiderna{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="157"/>
        <source>school field with the name{default}</source>
        <translation>skolans fält med namnet{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="164"/>
        <source>school field with the type, e.g. förskola or grundskola{default}</source>
        <translation>skolans fält med skolformen, t.ex. förskola eller grundskola{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="171"/>
        <source>school field with the opening hours; schools without hours get the defaults by type{default}</source>
        <translation>skolans fält med öppettiderna; skolor utan tider får standardtiderna för sin skolform{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="179"/>
        <source>opening hours of schools without their own{default}</source>
        <translation>öppettider för skolor som saknar egna{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="186"/>
        <source>opening hours of preschools without their own{default}</source>
        <translation>öppettider för förskolor som saknar egna{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="197"/>
        <source>also write the situation report (lägesbild) as a PDF: an overview page, a trend and districts page and one page per affected school</source>
        <translation>skriv även lägesbilden som PDF: en översiktssida, en sida med utveckling och stadsdelar samt en sida per berörd skola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="207"/>
        <source>paper of the report, landscape (default: {paper})</source>
        <translation>rapportens pappersformat, liggande (standard: {paper})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="212"/>
        <source>polygon layer of districts for the report&apos;s table per district</source>
        <translation>polygonlager med stadsdelar för rapportens tabell per stadsdel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="220"/>
        <source>first date of the period, e.g. 2026-08-17 (default: this week&apos;s Monday)</source>
        <translation>periodens första datum, t.ex. 2026-08-17 (standard: veckans måndag)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="225"/>
        <source>last date of the period (default: this week&apos;s Sunday)</source>
        <translation>periodens sista datum (standard: veckans söndag)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="230"/>
        <source>school holidays (lov), e.g. &apos;2026-10-26/2026-10-30, 2026-12-21/2027-01-07&apos;</source>
        <translation>skollov, t.ex. &apos;2026-10-26/2026-10-30, 2026-12-21/2027-01-07&apos;</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="235"/>
        <source>terms, e.g. &apos;2026-08-17/2026-12-18, 2027-01-08/2027-06-11&apos; (default: every day is a term day)</source>
        <translation>terminer, t.ex. &apos;2026-08-17/2026-12-18, 2027-01-08/2027-06-11&apos; (standard: varje dag är en termindag)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="243"/>
        <source>scene field with the date first seen{default}</source>
        <translation>platsfält med datum först sedd{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_arguments.py" line="250"/>
        <source>scene field with the date closed{default}</source>
        <translation>platsfält med datum stängd{default}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="40"/>
        <source>None of the {total} schools has a scene within the distance.</source>
        <translation>Ingen av de {total} skolorna har en drogscen inom avståndet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="44"/>
        <location filename="../drogscen_plugin/core/coverage.py" line="292"/>
        <location filename="../drogscen_plugin/core/fields.py" line="77"/>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="94"/>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="83"/>
        <location filename="../drogscen_plugin/report/overview.py" line="97"/>
        <source>School</source>
        <translation>Skola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="45"/>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="214"/>
        <location filename="../drogscen_plugin/report/overview.py" line="98"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="46"/>
        <location filename="../drogscen_plugin/core/fields.py" line="98"/>
        <location filename="../drogscen_plugin/gui/results.py" line="55"/>
        <location filename="../drogscen_plugin/report/overview.py" line="99"/>
        <source>Scenes</source>
        <translation>Scener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="47"/>
        <location filename="../drogscen_plugin/core/fields.py" line="99"/>
        <location filename="../drogscen_plugin/report/overview.py" line="100"/>
        <source>Worst conflict</source>
        <translation>Värsta konflikt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="48"/>
        <source>Concurrent h/week</source>
        <translation>Öppet h/vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="49"/>
        <source>After-hours h/week</source>
        <translation>Stängt h/vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/cli_summary.py" line="63"/>
        <source>{affected} of {total} schools have a scene within the distance.</source>
        <translation>{affected} av {total} skolor har en drogscen inom avståndet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/cancel.py" line="57"/>
        <location filename="../drogscen_plugin/core/period_times.py" line="167"/>
        <location filename="../drogscen_plugin/database/pushdown.py" line="88"/>
        <location filename="../drogscen_plugin/database/pushdown.py" line="92"/>
        <location filename="../drogscen_plugin/database/pushdown.py" line="104"/>
        <location filename="../drogscen_plugin/processing/overlap.py" line="178"/>
        <location filename="../drogscen_plugin/processing/overlap.py" line="291"/>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="239"/>
        <location filename="../drogscen_plugin/qgis_io/writing.py" line="86"/>
        <source>The analysis was canceled.</source>
        <translation>Analysen avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="200"/>
        <source>Measure {fid}, field &apos;measure_type&apos;: &apos;{value}&apos; is not a measure type (one of {types}).</source>
        <translation>Åtgärd {fid}, fältet &apos;measure_type&apos;: &apos;{value}&apos; är ingen åtgärdstyp (en av {types}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="212"/>
        <source>Measure {fid}, field &apos;status&apos;: &apos;{value}&apos; is not a status (one of {statuses}).</source>
        <translation>Åtgärd {fid}, fältet &apos;status&apos;: &apos;{value}&apos; är ingen status (en av {statuses}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="227"/>
        <source>Measure {fid}, field &apos;hours&apos;: &apos;{hours}&apos;: {message}</source>
        <translation>Åtgärd {fid}, fältet &apos;hours&apos;: &apos;{hours}&apos;: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="234"/>
        <source>Measure {fid}: the end date {end} is before the start date {start}.</source>
        <translation>Åtgärd {fid}: slutdatumet {end} ligger före startdatumet {start}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="291"/>
        <location filename="../drogscen_plugin/core/fields.py" line="75"/>
        <source>School id</source>
        <translation>Skol-id</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="293"/>
        <source>Needed (min/week)</source>
        <translation>Behov (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="294"/>
        <source>Uncovered (min/week)</source>
        <translation>Otäckt (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="295"/>
        <source>Uncovered hours</source>
        <translation>Otäckta tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="296"/>
        <location filename="../drogscen_plugin/core/fields.py" line="93"/>
        <source>Yard round days</source>
        <translation>Ronderingsdagar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="297"/>
        <source>Yard round days missing</source>
        <translation>Saknade ronderingsdagar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="298"/>
        <source>Adult presence needed (min/week)</source>
        <translation>Behov av vuxennärvaro (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="299"/>
        <source>Adult presence uncovered (min/week)</source>
        <translation>Vuxennärvaro otäckt (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="300"/>
        <source>Adult presence uncovered hours</source>
        <translation>Otäckta tider för vuxennärvaro</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="301"/>
        <source>Guard hours needed (min/week)</source>
        <translation>Behov av väktartid (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="302"/>
        <source>Guard hours uncovered (min/week)</source>
        <translation>Väktartid otäckt (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="303"/>
        <source>Guard hours uncovered</source>
        <translation>Otäckta väktartider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/coverage.py" line="304"/>
        <source>Measures in force</source>
        <translation>Gällande åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/day_strip.py" line="117"/>
        <source>{start} to {end}: {concurrent} h active while the school is open, {after} h while it is closed; {closed} days closed by the calendar.</source>
        <translation>{start} till {end}: {concurrent} h aktiv medan skolan är öppen, {after} h medan den är stängd; {closed} dagar stängt enligt kalendern.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/day_strip.py" line="132"/>
        <location filename="../drogscen_plugin/definitions/conflicts.py" line="16"/>
        <source>while open</source>
        <translation>öppet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/day_strip.py" line="133"/>
        <location filename="../drogscen_plugin/definitions/conflicts.py" line="17"/>
        <source>while closed</source>
        <translation>stängt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/day_strip.py" line="134"/>
        <source>school closed</source>
        <translation>skolan stängd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/day_strip.py" line="135"/>
        <source>lov: fritidshem only</source>
        <translation>lov: bara fritidshem</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="76"/>
        <source>Scene id</source>
        <translation>Drogscen-id</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="78"/>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="43"/>
        <source>School type</source>
        <translation>Skolform</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="79"/>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="95"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="329"/>
        <source>Scene</source>
        <translation>Drogscen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="80"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="331"/>
        <source>Distance (m)</source>
        <translation>Avstånd (m)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="81"/>
        <source>Overlap (m²)</source>
        <translation>Överlapp (m²)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="82"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="332"/>
        <source>Share of buffer</source>
        <translation>Andel av bufferten</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="83"/>
        <source>Scene active (min/week)</source>
        <translation>Drogscen aktiv (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="84"/>
        <source>Active while open (min/week)</source>
        <translation>Aktiv under verksamhetstid (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="85"/>
        <source>Active while closed (min/week)</source>
        <translation>Aktiv utanför verksamhetstid (min/vecka)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="86"/>
        <source>Active while open (min in period)</source>
        <translation>Aktiv under öppettid (min i perioden)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="87"/>
        <source>Active while closed (min in period)</source>
        <translation>Aktiv när stängt (min i perioden)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="88"/>
        <source>Dates active while open</source>
        <translation>Datum aktiv under öppettid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="89"/>
        <source>Yard rounds in period</source>
        <translation>Gårdsrundor i perioden</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="90"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="335"/>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="91"/>
        <source>Adult presence hours</source>
        <translation>Tider för vuxennärvaro</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="92"/>
        <source>Guard hours</source>
        <translation>Väktartider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="94"/>
        <source>Yard round before</source>
        <translation>Rondering före</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="95"/>
        <source>Hours note</source>
        <translation>Anmärkning om tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="96"/>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="221"/>
        <source>School hours</source>
        <translation>Skoltider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="97"/>
        <source>Scene hours</source>
        <translation>Drogscenens tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="100"/>
        <source>Nearest scene (m)</source>
        <translation>Närmaste drogscen (m)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="101"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="162"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="211"/>
        <source>Period start</source>
        <translation>Periodens början</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="102"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="163"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="212"/>
        <source>Period end</source>
        <translation>Periodens slut</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="103"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="234"/>
        <source>School terms</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="104"/>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="129"/>
        <location filename="../drogscen_plugin/gui/period_form.py" line="48"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="175"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="223"/>
        <source>School holidays</source>
        <translation>Skollov</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/fields.py" line="105"/>
        <source>Schools&apos; data sources</source>
        <translation>Skolornas datakällor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="104"/>
        <source>school hours &apos;{value}&apos; not understood ({message}): default {default} used</source>
        <translation>skolans tider &apos;{value}&apos; kunde inte tolkas ({message}): standardtiderna {default} används</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="123"/>
        <source>hours unknown: treated as always active</source>
        <translation>tider okända: behandlas som alltid aktiv</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="127"/>
        <source>hours &apos;{value}&apos; not understood ({message}): treated as always active</source>
        <translation>tiderna &apos;{value}&apos; kunde inte tolkas ({message}): behandlas som alltid aktiv</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="169"/>
        <source>no days given, so open every day, including weekends: check the hours</source>
        <translation>inga dagar angivna, alltså öppet alla dagar, även helger: kontrollera tiderna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="171"/>
        <source>open around the clock: check the hours</source>
        <translation>öppet dygnet runt: kontrollera tiderna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="173"/>
        <source>open at weekends: check the hours</source>
        <translation>öppet på helger: kontrollera tiderna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours.py" line="181"/>
        <source>no days given, so active every day: check the hours</source>
        <translation>inga dagar angivna, alltså aktiv alla dagar: kontrollera tiderna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="144"/>
        <source>Years are written with four digits from {first} to {last}, not {text!r} (column {column})</source>
        <translation>Årtal skrivs med fyra siffror från {first} till {last}, inte {text!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="155"/>
        <source>a year</source>
        <translation>ett årtal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="180"/>
        <source>A year range runs forward: {first}-{last}, not {last}-{first} (column {column})</source>
        <translation>Ett årsintervall går framåt: {first}-{last}, inte {last}-{first} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="188"/>
        <source>a step in years</source>
        <translation>ett steg i år</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="215"/>
        <source>a month (Jan, Feb, ...)</source>
        <translation>en månad (Jan, Feb, ...)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="224"/>
        <source>Day {day} does not exist in that month (column {column})</source>
        <translation>Dag {day} finns inte i den månaden (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="248"/>
        <source>Open-ended dates (&apos;+&apos;) are not supported (column {column})</source>
        <translation>Öppna slutdatum (&apos;+&apos;) stöds inte (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="270"/>
        <source>a day of the month</source>
        <translation>en dag i månaden</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="286"/>
        <source>The dates starting at column {column} end before they begin</source>
        <translation>Datumen som börjar på position {column} slutar innan de börjar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="298"/>
        <source>{year}-{month:02d}-{day:02d} does not exist (column {column})</source>
        <translation>{year}-{month:02d}-{day:02d} finns inte (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="316"/>
        <source>A week range runs forward, e.g. week {first}-53,1-{last} (column {column})</source>
        <translation>Ett veckointervall går framåt, t.ex. week {first}-53,1-{last} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="324"/>
        <source>a step in weeks</source>
        <translation>ett steg i veckor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="337"/>
        <source>a week number</source>
        <translation>ett veckonummer</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_dates.py" line="340"/>
        <source>Week numbers are 1 to 53, not {text!r} (column {column})</source>
        <translation>Veckonummer är 1 till 53, inte {text!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="94"/>
        <source>Unexpected character {char!r} at column {column}</source>
        <translation>Oväntat tecken {char!r} på position {column}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="167"/>
        <source>Unexpected end of text: expected {expected}</source>
        <translation>Texten tar slut för tidigt: {expected} förväntades</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="169"/>
        <source>Unexpected {text!r} at column {column}: expected {expected}</source>
        <translation>Oväntat {text!r} på position {column}: {expected} förväntades</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="197"/>
        <source>The hours are empty</source>
        <translation>Tiderna är tomma</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="207"/>
        <source>&apos;;&apos;, &apos;, &apos; or &apos;||&apos; between rules</source>
        <translation>&apos;;&apos;, &apos;, &apos; eller &apos;||&apos; mellan regler</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="211"/>
        <source>a rule after {separator!r}</source>
        <translation>en regel efter {separator!r}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="216"/>
        <source>a rule</source>
        <translation>en regel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="233"/>
        <source>a date, a weekday, a time span, &apos;24/7&apos; or &apos;off&apos;</source>
        <translation>ett datum, en veckodag, ett tidsintervall, &apos;24/7&apos; eller &apos;off&apos;</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="248"/>
        <source>a time span or &apos;;&apos; (holidays and weekdays are combined as &apos;PH Mo-Fr&apos;)</source>
        <translation>ett tidsintervall eller &apos;;&apos; (helgdagar och veckodagar kombineras som &apos;PH Mo-Fr&apos;)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="274"/>
        <source>A holiday cannot end a weekday range (column {column})</source>
        <translation>En helgdag kan inte avsluta ett intervall av veckodagar (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="284"/>
        <source>Nth weekdays such as {text!r} (column {column}) are not supported</source>
        <translation>N:te veckodagar som {text!r} (position {column}) stöds inte</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="304"/>
        <source>The state {word!r} at column {column} is not supported: hours are either active or not</source>
        <translation>Tillståndet {word!r} på position {column} stöds inte: tiderna är antingen aktiva eller inte</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="309"/>
        <source>Solar times such as {word!r} (column {column}) are not supported: give clock times</source>
        <translation>Soltider som {word!r} (position {column}) stöds inte: ange klockslag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="313"/>
        <source>Variable dates such as {word!r} (column {column}) are not supported: give the dates</source>
        <translation>Rörliga datum som {word!r} (position {column}) stöds inte: ange datumen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="326"/>
        <source>Open-ended times (&apos;+&apos;) are not supported (column {column})</source>
        <translation>Öppna sluttider (&apos;+&apos;) stöds inte (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="331"/>
        <source>&apos;-&apos; and the end time</source>
        <translation>&apos;-&apos; och sluttiden</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="335"/>
        <source>an end time</source>
        <translation>en sluttid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="341"/>
        <source>Open ends and repeating times are not supported (column {column})</source>
        <translation>Öppna slut och upprepade tider stöds inte (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="356"/>
        <source>Minutes need two digits in {time!r} (column {column})</source>
        <translation>Minuter behöver två siffror i {time!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="363"/>
        <source>Invalid minutes in {time!r} (column {column})</source>
        <translation>Ogiltiga minuter i {time!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="371"/>
        <source>An end time can be at most 48:00, not {time!r} (column {column})</source>
        <translation>En sluttid kan vara högst 48:00, inte {time!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="378"/>
        <source>A start time must be before 24:00, not {time!r} (column {column})</source>
        <translation>En starttid måste ligga före 24:00, inte {time!r} (position {column})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="397"/>
        <source>Dates go before weekdays and times: {word!r} at column {column}</source>
        <translation>Datum skrivs före veckodagar och tider: {word!r} på position {column}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/hours_syntax.py" line="403"/>
        <source>&apos;off&apos;, &apos;open&apos;, &apos;;&apos; or &apos;, &apos;</source>
        <translation>&apos;off&apos;, &apos;open&apos;, &apos;;&apos; eller &apos;, &apos;</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/overlap.py" line="180"/>
        <location filename="../drogscen_plugin/database/pushdown.py" line="190"/>
        <source>{scene}: {note}</source>
        <translation>{scene}: {note}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/period.py" line="40"/>
        <source>The period ends ({end}) before it starts ({start})</source>
        <translation>Perioden slutar ({end}) innan den börjar ({start})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/period.py" line="64"/>
        <source>{name}: {text!r} is not a date (write 2026-08-17)</source>
        <translation>{name}: {text!r} är inte ett datum (skriv 2026-08-17)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="129"/>
        <source>Distance {distance} m · most common opening hours: schools {school}, preschools {preschool}</source>
        <translation>Avstånd {distance} m · vanligaste öppettider: skolor {school}, förskolor {preschool}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="134"/>
        <source>Distance {distance} m · most common opening hours: schools {school}</source>
        <translation>Avstånd {distance} m · vanligaste öppettider: skolor {school}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="138"/>
        <source>Distance {distance} m · most common opening hours: preschools {preschool}</source>
        <translation>Avstånd {distance} m · vanligaste öppettider: förskolor {preschool}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="141"/>
        <source>Distance {distance} m</source>
        <translation>Avstånd {distance} m</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="155"/>
        <location filename="../drogscen_plugin/plugin.py" line="151"/>
        <source>scenes</source>
        <translation>drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="156"/>
        <source>schools</source>
        <translation>skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="163"/>
        <source>{count} more</source>
        <translation>{count} till</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="170"/>
        <source>{kind}: {layer} ({sources})</source>
        <translation>{kind}: {layer} ({sources})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="176"/>
        <source>{kind}: {sources}</source>
        <translation>{kind}: {sources}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="178"/>
        <source>Data sources – {sources}.</source>
        <translation>Datakällor – {sources}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="178"/>
        <source>not given</source>
        <translation>ej angivna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="217"/>
        <source>{year} Q{quarter}</source>
        <translation>{year} kv{quarter}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="265"/>
        <source>closed on {closed} before it was first seen on {first}</source>
        <translation>stängdes {closed}, innan den först observerades {first}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="341"/>
        <source>active at the end of the period</source>
        <translation>aktiva vid periodens slut</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="342"/>
        <source>opened</source>
        <translation>nya</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="343"/>
        <source>closed</source>
        <translation>stängda</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="387"/>
        <source>{period}: {active} active, {opened} opened, {closed} closed.</source>
        <translation>{period}: {active} aktiva, {opened} nya, {closed} stängda.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_content.py" line="450"/>
        <source>Outside the districts</source>
        <translation>Utanför stadsdelarna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="34"/>
        <source>Jan</source>
        <translation>jan</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="35"/>
        <source>Feb</source>
        <translation>feb</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="36"/>
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="37"/>
        <source>Apr</source>
        <translation>apr</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="38"/>
        <source>May</source>
        <translation>maj</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="39"/>
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="40"/>
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="41"/>
        <source>Aug</source>
        <translation>aug</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="42"/>
        <source>Sep</source>
        <translation>sep</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="43"/>
        <source>Oct</source>
        <translation>okt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="44"/>
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="45"/>
        <source>Dec</source>
        <translation>dec</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="103"/>
        <source>Period: not recorded in the outputs</source>
        <translation>Period: finns inte i utdata</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="104"/>
        <source>Period: {dates}</source>
        <translation>Period: {dates}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="109"/>
        <source>School calendar: none given (every day a term day, no school holidays)</source>
        <translation>Läsårskalender: ingen angiven (varje dag en terminsdag, inga lov)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="111"/>
        <source>none given</source>
        <translation>inga angivna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/report_period.py" line="116"/>
        <source>School calendar: terms {terms}; school holidays {holidays}</source>
        <translation>Läsårskalender: terminer {terms}; lov {holidays}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/scenes.py" line="150"/>
        <source>Scene {fid}: the geometry has coordinates that are not numbers</source>
        <translation>Drogscen {fid}: geometrin har koordinater som inte är tal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/schedule.py" line="125"/>
        <source>Hours must be text, not {kind}</source>
        <translation>Tider måste vara text, inte {kind}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/schedule.py" line="135"/>
        <source>Calendar selectors such as {word!r} (column {column}) are not supported here: the hours describe one recurring week</source>
        <translation>Kalenderval som {word!r} (position {column}) stöds inte här: tiderna beskriver en återkommande vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/schedule.py" line="255"/>
        <location filename="../drogscen_plugin/core/schedule.py" line="259"/>
        <source>School holidays are pairs of dates, not {value!r}</source>
        <translation>Skollov är par av datum, inte {value!r}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/schedule.py" line="263"/>
        <source>School holidays {first} to {last} end before they begin</source>
        <translation>Skollovet {first} till {last} slutar innan det börjar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="78"/>
        <source>{what}: item {number} {item!r} is not a date or a date range (write 2026-10-26 or 2026-10-26/2026-10-30)</source>
        <translation>{what}: post {number} {item!r} är inte ett datum eller ett datumintervall (skriv 2026-10-26 eller 2026-10-26/2026-10-30)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="85"/>
        <source>{what}: item {number} {item!r} ends before it begins</source>
        <translation>{what}: post {number} {item!r} slutar innan den börjar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="121"/>
        <location filename="../drogscen_plugin/gui/period_form.py" line="49"/>
        <source>Terms</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="125"/>
        <source>Terms: {start} begins before the term before it ends ({end})</source>
        <translation>Terminer: {start} börjar innan terminen före den slutar ({end})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/school_calendar.py" line="190"/>
        <source>Unknown calendar rule {kind}/{day}/{choice}: kinds are {kinds}, days {days}, choices {choices}</source>
        <translation>Okänd kalenderregel {kind}/{day}/{choice}: skolformer är {kinds}, dagar {days}, val {choices}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/space.py" line="62"/>
        <source>Distance {distance} is not a number of metres of at least 0</source>
        <translation>Avståndet {distance} är inte ett antal meter på minst 0</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/space.py" line="70"/>
        <source>School {fid}: distance {distance} is not a number of metres of at least 0</source>
        <translation>Skola {fid}: avståndet {distance} är inte ett antal meter på minst 0</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/space.py" line="77"/>
        <source>School {fid}: {kind} geometry is not supported, only points and polygons</source>
        <translation>Skola {fid}: geometritypen {kind} stöds inte, bara punkter och polygoner</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/space.py" line="86"/>
        <source>Scene {fid}: {kind} geometry is not supported, only polygons</source>
        <translation>Drogscen {fid}: geometritypen {kind} stöds inte, bara polygoner</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/space.py" line="117"/>
        <source>School {fid}: the point has coordinates that are not numbers</source>
        <translation>Skola {fid}: punkten har koordinater som inte är tal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Mon</source>
        <translation>mån</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Tue</source>
        <translation>tis</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Wed</source>
        <translation>ons</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Thu</source>
        <translation>tor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Fri</source>
        <translation>fre</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Sat</source>
        <translation>lör</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="68"/>
        <source>Sun</source>
        <translation>sön</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="335"/>
        <source>school open</source>
        <translation>skolan öppen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="366"/>
        <source>active while the school is open</source>
        <translation>aktiv medan skolan är öppen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="367"/>
        <source>active while the school is closed</source>
        <translation>aktiv medan skolan är stängd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="398"/>
        <source>School open</source>
        <translation>Skolan öppen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="399"/>
        <source>Scene active while open</source>
        <translation>Aktiv när skolan är öppen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="400"/>
        <source>Scene active while closed</source>
        <translation>Aktiv när skolan är stängd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="409"/>
        <source>{lane}: {name} – {hours}</source>
        <translation>{lane}: {name} – {hours}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="418"/>
        <source>In each day, from the top: the school, then scenes 1 to {count}.</source>
        <translation>Inom varje dag, uppifrån: skolan, sedan drogscen 1 till {count}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="429"/>
        <source>Rows Monday to Sunday, columns 00 to 24 hours. School open: {hours}.</source>
        <translation>Rader måndag till söndag, kolumner 00 till 24. Skolan öppen: {hours}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/core/weekchart.py" line="435"/>
        <source>Lane {lane}, {name}: active {hours}; {open} h a week while the school is open, {closed} h while it is closed.</source>
        <translation>Spår {lane}, {name}: aktiv {hours}; {open} h i veckan medan skolan är öppen, {closed} h medan den är stängd.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/period.py" line="127"/>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="355"/>
        <source>Layer &apos;{layer}&apos; has no hours field: every scene is treated as always active.</source>
        <translation>Lagret &apos;{layer}&apos; saknar fält med tider: alla drogscener behandlas som alltid aktiva.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/period.py" line="160"/>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="445"/>
        <location filename="../drogscen_plugin/qgis_io/scene_dates.py" line="58"/>
        <source>Layer &apos;{layer}&apos;, feature {fid}, field &apos;{field}&apos;: {note}</source>
        <translation>Lagret &apos;{layer}&apos;, objekt {fid}, fältet &apos;{field}&apos;: {note}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/period.py" line="198"/>
        <source>Time measures of {count} distinct combinations of a school&apos;s hours and scene activity…</source>
        <translation>Tidsmått för {count} olika kombinationer av en skolas tider och drogscenernas aktivitet…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/period.py" line="231"/>
        <source>Minutes of the time overlaps in the database…</source>
        <translation>Minuter av tidsöverlappen i databasen…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="41"/>
        <source>{parameter} is not a PostGIS layer</source>
        <translation>{parameter} är inte ett PostGIS-lager</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="51"/>
        <source>{parameter} is not a table with a single integer key</source>
        <translation>{parameter} är inte en tabell med en enkel heltalsnyckel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="55"/>
        <source>{parameter} is in {crs}, not in the analysis CRS</source>
        <translation>{parameter} är i {crs}, inte i analysens koordinatsystem</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="90"/>
        <source>{parameter} is not a table in the database of the inputs</source>
        <translation>{parameter} är inte en tabell i indatas databas</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="101"/>
        <source>SCENES and SCHOOLS are in different databases</source>
        <translation>SCENES och SCHOOLS ligger i olika databaser</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="109"/>
        <source>the Python module psycopg2 is not installed</source>
        <translation>Python-modulen psycopg2 är inte installerad</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="118"/>
        <source>no connection to the database: {error}</source>
        <translation>ingen anslutning till databasen: {error}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="127"/>
        <source>the database lacks {what}</source>
        <translation>databasen saknar {what}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="136"/>
        <source>Running on this computer: RUN_IN_DATABASE is &apos;never&apos;.</source>
        <translation>Körs på den här datorn: RUN_IN_DATABASE är &apos;never&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="144"/>
        <source>Cannot run in the database (RUN_IN_DATABASE &apos;always&apos;): {reason}.</source>
        <translation>Kan inte köras i databasen (RUN_IN_DATABASE &apos;always&apos;): {reason}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="148"/>
        <source>Running on this computer: {reason}.</source>
        <translation>Körs på den här datorn: {reason}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/plan.py" line="151"/>
        <source>Running in the database: the inputs and outputs are tables of one PostGIS database.</source>
        <translation>Körs i databasen: indata och utdata är tabeller i en och samma PostGIS-databas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="95"/>
        <source>The database run failed: {error}</source>
        <translation>Körningen i databasen misslyckades: {error}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="111"/>
        <location filename="../drogscen_plugin/processing/overlap.py" line="209"/>
        <source>Reading scenes…</source>
        <translation>Läser drogscener…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="120"/>
        <location filename="../drogscen_plugin/processing/overlap.py" line="213"/>
        <source>Reading schools…</source>
        <translation>Läser skolor…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="135"/>
        <source>Finding pairs in the database…</source>
        <translation>Söker par i databasen…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="140"/>
        <source>Writing the output tables in the database…</source>
        <translation>Skriver resultattabellerna i databasen…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="154"/>
        <source>Layer &apos;{layer}&apos;: features with coordinates that are not finite numbers (feature ids {ids}).</source>
        <translation>Lager &apos;{layer}&apos;: objekt med koordinater som inte är ändliga tal (objekt-id {ids}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="162"/>
        <source>Layer &apos;{layer}&apos;: {kind} geometry is not supported.</source>
        <translation>Lager &apos;{layer}&apos;: geometritypen {kind} stöds inte.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="178"/>
        <source>Layer &apos;{layer}&apos;, feature {fid}, field &apos;{field}&apos;: {value!r} is not a distance in metres; the analysis distance is used.</source>
        <translation>Lagret &apos;{layer}&apos;, objekt {fid}, fältet &apos;{field}&apos;: {value!r} är inte ett avstånd i meter; analysens avstånd används.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="273"/>
        <location filename="../drogscen_plugin/processing/outputs.py" line="280"/>
        <source>{output}: {existing}</source>
        <translation>{output}: {existing}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/pushdown.py" line="297"/>
        <location filename="../drogscen_plugin/processing/overlap.py" line="195"/>
        <source>{pairs} school-scene pairs within {distance:g} m.</source>
        <translation>{pairs} par skola–drogscen inom {distance:g} m.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/session.py" line="59"/>
        <source>PostgreSQL 14 or newer (the server is {version})</source>
        <translation>PostgreSQL 14 eller senare (servern är {version})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/session.py" line="77"/>
        <source>the PostGIS extension in the database</source>
        <translation>tillägget PostGIS i databasen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/session.py" line="80"/>
        <source>the right of user {user} to create temporary tables (TEMP)</source>
        <translation>rätten för användaren {user} att skapa tillfälliga tabeller (TEMP)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/database/session.py" line="85"/>
        <source>the right of user {user} to create tables in schema {schema}</source>
        <translation>rätten för användaren {user} att skapa tabeller i schemat {schema}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/conflicts.py" line="18"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="122"/>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="51"/>
        <source>Yard round</source>
        <translation>Rondering av skolgården</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="58"/>
        <source>Adult presence</source>
        <translation>Vuxennärvaro</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="65"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="72"/>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="79"/>
        <source>Guard patrol</source>
        <translation>Väktarrond</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="82"/>
        <source>Lighting</source>
        <translation>Belysning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="86"/>
        <source>Vegetation clearing</source>
        <translation>Röjning av vegetation</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="91"/>
        <source>Fencing</source>
        <translation>Stängsel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="95"/>
        <source>Syringe pick-up / cleaning</source>
        <translation>Sprutplockning/städning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="100"/>
        <source>Other</source>
        <translation>Annat</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="139"/>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="139"/>
        <source>Ongoing</source>
        <translation>Pågående</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/definitions/measures.py" line="139"/>
        <source>Done</source>
        <translation>Genomförd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="69"/>
        <source>Drogscen: scenes near schools</source>
        <translation>Drogscen: drogscener nära skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="92"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="93"/>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="94"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="143"/>
        <source>Measures</source>
        <translation>Åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="104"/>
        <source>Date and time</source>
        <translation>Datum och tid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="120"/>
        <source>Click a row to show the school and the scene on the map</source>
        <translation>Klicka på en rad för att visa skolan och drogscenen på kartan</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="128"/>
        <location filename="../drogscen_plugin/processing/export_report.py" line="210"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="104"/>
        <location filename="../drogscen_plugin/report/map_layers.py" line="233"/>
        <location filename="../drogscen_plugin/report/trend.py" line="105"/>
        <source>Districts</source>
        <translation>Stadsdelar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="138"/>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="140"/>
        <location filename="../drogscen_plugin/gui/report_button.py" line="140"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="142"/>
        <source>Help</source>
        <translation>Hjälp</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="143"/>
        <source>Open the plugin&apos;s manual at the section about the dock</source>
        <translation>Öppna tilläggets handbok vid avsnittet om panelen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="212"/>
        <source>Analysing…</source>
        <translation>Analyserar…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="230"/>
        <source>The layers lie outside the area of use of {crs}: distances may be a percent off.</source>
        <translation>Lagren ligger utanför användningsområdet för {crs}: avstånd kan bli en procent fel.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="234"/>
        <source>Use {crs} from the next run</source>
        <translation>Använd {crs} från nästa körning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="279"/>
        <source>{pairs} school–scene pairs within {distance:g} m of {schools} schools.</source>
        <translation>{pairs} par skola–drogscen inom {distance:g} m bland {schools} skolor.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/dock.py" line="303"/>
        <source>The analysis was canceled; no layers were added.</source>
        <translation>Analysen avbröts; inga lager lades till.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="42"/>
        <source>The fetch failed.</source>
        <translation>Hämtningen misslyckades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="45"/>
        <source>Schools and preschools ({source})</source>
        <translation>Skolor och förskolor ({source})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="45"/>
        <source>School grounds ({source})</source>
        <translation>Skolgårdar ({source})</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="66"/>
        <source>Fetch schools</source>
        <translation>Hämta skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="73"/>
        <source>Current map extent</source>
        <translation>Kartans aktuella utbredning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="74"/>
        <source>Municipality code</source>
        <translation>Kommunkod</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="80"/>
        <source>4 digits, e.g. 0180</source>
        <translation>4 siffror, t.ex. 0180</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="87"/>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="93"/>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="46"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="61"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="130"/>
        <source>Fetch schools…</source>
        <translation>Hämta skolor…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="132"/>
        <source>Load schools and preschools from OpenStreetMap or Skolverket</source>
        <translation>Hämta skolor och förskolor från OpenStreetMap eller Skolverket</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="146"/>
        <source>Fetching schools…</source>
        <translation>Hämtar skolor…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="159"/>
        <source>No schools or preschools were found there.</source>
        <translation>Inga skolor eller förskolor hittades där.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/fetch_dialog.py" line="164"/>
        <source>Added {count} schools and preschools in layer &apos;{layer}&apos;.</source>
        <translation>Lade till {count} skolor och förskolor i lagret &apos;{layer}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="63"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="63"/>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="197"/>
        <source>Safety measures</source>
        <translation>Trygghetsåtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="65"/>
        <location filename="../drogscen_plugin/plugin.py" line="93"/>
        <source>New measures layer…</source>
        <translation>Nytt åtgärdslager…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="66"/>
        <source>Create point, line and area layers for measures</source>
        <translation>Skapa punkt-, linje- och ytlager för åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="71"/>
        <source>Add measure</source>
        <translation>Lägg till åtgärd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="73"/>
        <source>A planned measure for the selected row, with the hours its conflict needs</source>
        <translation>En planerad åtgärd för den valda raden, med de tider som dess konflikt kräver</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="75"/>
        <source>Suggest measures</source>
        <translation>Föreslå åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="76"/>
        <source>Planned measures for every affected school</source>
        <translation>Planerade åtgärder för varje berörd skola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="77"/>
        <source>Check coverage</source>
        <translation>Kontrollera täckning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="78"/>
        <location filename="../drogscen_plugin/processing/export_report.py" line="244"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="108"/>
        <source>Count planned measures</source>
        <translation>Räkna med planerade åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="112"/>
        <source>New measures layer</source>
        <translation>Nytt åtgärdslager</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="114"/>
        <location filename="../drogscen_plugin/plugin.py" line="142"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="128"/>
        <source>Measures layers added in group &apos;{group}&apos;.</source>
        <translation>Åtgärdslagren har lagts till i gruppen &apos;{group}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="155"/>
        <source>Select a row of the results first.</source>
        <translation>Välj först en rad i resultatet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="173"/>
        <source>Added a measure ({kind}) for {school} to layer &apos;{layer}&apos;: save the layer&apos;s edits to keep it.</source>
        <translation>Lade till en åtgärd ({kind}) för {school} i lagret &apos;{layer}&apos;: spara lagrets ändringar för att behålla den.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="216"/>
        <source>Added {count} suggested measures to layer &apos;{layer}&apos;: save the layer&apos;s edits to keep them.</source>
        <translation>Lade till {count} föreslagna åtgärder i lagret &apos;{layer}&apos;: spara lagrets ändringar för att behålla dem.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="234"/>
        <source>The project has no measures layer: create one with New measures layer…</source>
        <translation>Projektet har inget åtgärdslager: skapa ett med Nytt åtgärdslager…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/measures_panel.py" line="259"/>
        <source>{uncovered} of {schools} affected schools have needs the measures do not cover.</source>
        <translation>{uncovered} av {schools} berörda skolor har behov som åtgärderna inte täcker.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="23"/>
        <source>Period and school calendar</source>
        <translation>Period och skolkalender</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="26"/>
        <source>this week</source>
        <translation>denna vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="28"/>
        <source>A date such as 2026-08-17; empty: this week&apos;s Monday and Sunday</source>
        <translation>Ett datum som 2026-08-17; tomt: veckans måndag och söndag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="32"/>
        <source>The school holidays (lov) as date ranges: SH in hours; schools without their own hours keep only the fritidshem open, gymnasiums close</source>
        <translation>Skolloven som datumintervall: SH i tider; skolor utan egna tider har bara fritidshemmet öppet, gymnasier stänger</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="39"/>
        <source>The terms as date ranges; outside them and the lov, schools without their own hours are closed (empty: every day is a term day)</source>
        <translation>Terminerna som datumintervall; utanför dem och loven är skolor utan egna tider stängda (tomt: varje dag är en termindag)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="46"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/period_form.py" line="47"/>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/project_state.py" line="64"/>
        <source>The results could not be kept in {path}: {message}</source>
        <translation>Resultaten kunde inte sparas i {path}: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/project_state.py" line="65"/>
        <source>the written layer cannot be read</source>
        <translation>det skrivna lagret går inte att läsa</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/publish_button.py" line="38"/>
        <source>Publish…</source>
        <translation>Publicera…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/publish_button.py" line="40"/>
        <source>Share this run&apos;s lägesbild in the PostGIS database of its scenes and schools</source>
        <translation>Dela körningens lägesbild i PostGIS-databasen där dess drogscener och skolor finns</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="28"/>
        <source>Districts for the report&apos;s table of scenes and schools per district</source>
        <translation>Stadsdelar för rapportens tabell över scener och skolor per stadsdel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="55"/>
        <location filename="../drogscen_plugin/processing/export_report.py" line="341"/>
        <source>Could not write {path}: {reason}</source>
        <translation>Kunde inte skriva {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="66"/>
        <source>Export report…</source>
        <translation>Exportera lägesbild…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="68"/>
        <source>The situation report of this run as PDF, with its layouts</source>
        <translation>Lägesbilden för den här körningen som PDF, med dess layouter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="92"/>
        <source>Export report</source>
        <translation>Exportera lägesbild</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="92"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="129"/>
        <source>Exporting the situation report</source>
        <translation>Lägesbilden exporteras</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="143"/>
        <source>Writing the situation report to {path}…</source>
        <translation>Lägesbilden skrivs till {path}…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/report_button.py" line="170"/>
        <source>The export was canceled; no file was written.</source>
        <translation>Exporten avbröts; ingen fil skrevs.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results.py" line="35"/>
        <source>Drogscen {time}</source>
        <translation>Drogscen {time}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results.py" line="56"/>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="40"/>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="68"/>
        <source>School buffers</source>
        <translation>Buffertzoner kring skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results.py" line="57"/>
        <location filename="../drogscen_plugin/processing/export_report.py" line="139"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="93"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="151"/>
        <location filename="../drogscen_plugin/processing/publish.py" line="56"/>
        <location filename="../drogscen_plugin/report/data.py" line="166"/>
        <source>Overlaps</source>
        <translation>Överlapp</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results.py" line="58"/>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="208"/>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="55"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="60"/>
        <location filename="../drogscen_plugin/report/map_layers.py" line="211"/>
        <source>Schools and preschools</source>
        <translation>Skolor och förskolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results_model.py" line="37"/>
        <source>Open
(min)</source>
        <translation>Öppet
(min)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results_model.py" line="37"/>
        <source>Closed
(min)</source>
        <translation>Stängt
(min)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/results_model.py" line="47"/>
        <source>The scene is never active (closed): no minutes count.</source>
        <translation>Scenen är aldrig aktiv (stängd): inga minuter räknas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/runner.py" line="64"/>
        <source>The analysis failed.</source>
        <translation>Analysen misslyckades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/runner.py" line="309"/>
        <source>No school of layer &apos;{layer}&apos; lies in the current map extent.</source>
        <translation>Ingen skola i lagret &apos;{layer}&apos; ligger i kartans aktuella utbredning.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="178"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="181"/>
        <source>How far from a school a scene counts, in metres</source>
        <translation>Hur långt från en skola en drogscen räknas, i meter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="183"/>
        <source>Hours of schools without their own (opening_hours)</source>
        <translation>Tider för skolor som saknar egna (opening_hours)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="186"/>
        <source>Hours of preschools without their own (opening_hours)</source>
        <translation>Tider för förskolor som saknar egna (opening_hours)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="188"/>
        <source>Only schools in the current map extent</source>
        <translation>Bara skolor i kartans aktuella utbredning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="189"/>
        <source>Keep the results in a GeoPackage beside the project</source>
        <translation>Spara resultaten i en GeoPackage bredvid projektet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="191"/>
        <source>The result layers are written to PROJECT_drogscen.gpkg beside the project file, so the saved project shows them again; otherwise they are temporary layers</source>
        <translation>Resultatlagren skrivs till PROJEKT_drogscen.gpkg bredvid projektfilen, så att det sparade projektet visar dem igen; annars är de tillfälliga lager</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="197"/>
        <source>Analyse the schools visible on the map, with every scene within the distance</source>
        <translation>Analysera skolorna som syns på kartan, med varje drogscen inom avståndet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="202"/>
        <location filename="../drogscen_plugin/processing/export_report.py" line="152"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="27"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="72"/>
        <location filename="../drogscen_plugin/report/map_layers.py" line="227"/>
        <source>Open drug scenes</source>
        <translation>Öppna drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="204"/>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="212"/>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="90"/>
        <source>Layer</source>
        <translation>Lager</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="205"/>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="213"/>
        <location filename="../drogscen_plugin/processing/publish.py" line="79"/>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="42"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="56"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="206"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="57"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="330"/>
        <source>Active hours</source>
        <translation>Aktiva tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="215"/>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="44"/>
        <source>Opening hours</source>
        <translation>Öppettider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="218"/>
        <location filename="../drogscen_plugin/processing/base.py" line="31"/>
        <source>Analysis</source>
        <translation>Analys</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="220"/>
        <location filename="../drogscen_plugin/processing/base.py" line="50"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="125"/>
        <source>Distance</source>
        <translation>Avstånd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="222"/>
        <source>Preschool hours</source>
        <translation>Förskoletider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="293"/>
        <source>No type field: every school counts as a school, not a preschool.</source>
        <translation>Inget typfält: varje skola räknas som skola, inte förskola.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="295"/>
        <source>No opening hours field: the default hours below are used.</source>
        <translation>Inget fält för öppettider: standardtiderna nedan används.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="299"/>
        <source>No active hours field: every scene counts as always active.</source>
        <translation>Inget fält för aktiva tider: varje scen räknas som alltid aktiv.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="349"/>
        <source>Choose a layer of open drug scenes (polygons).</source>
        <translation>Välj ett lager med öppna drogscener (polygoner).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="351"/>
        <source>Choose a layer of schools and preschools (points or polygons).</source>
        <translation>Välj ett lager med skolor och förskolor (punkter eller polygoner).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="354"/>
        <source>Layer &apos;{layer}&apos; is chosen both as the scenes and as the schools layer: choose the layer of schools and preschools.</source>
        <translation>Lagret &apos;{layer}&apos; är valt både som scenlager och som skollager: välj lagret med skolor och förskolor.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="360"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="110"/>
        <source>Default school hours</source>
        <translation>Standardtider för skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="361"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="120"/>
        <source>Default preschool hours</source>
        <translation>Standardtider för förskolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/settings_form.py" line="366"/>
        <source>{setting} &apos;{text}&apos; cannot be read: {message}</source>
        <translation>{setting} &apos;{text}&apos; kan inte tolkas: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="36"/>
        <source>Monday</source>
        <translation>Måndag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="37"/>
        <source>Tuesday</source>
        <translation>Tisdag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="38"/>
        <source>Wednesday</source>
        <translation>Onsdag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="39"/>
        <source>Thursday</source>
        <translation>Torsdag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="40"/>
        <source>Friday</source>
        <translation>Fredag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="41"/>
        <source>Saturday</source>
        <translation>Lördag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="42"/>
        <source>Sunday</source>
        <translation>Söndag</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="51"/>
        <source>{weekday}, public holiday: {holiday}</source>
        <translation>{weekday}, helgdag: {holiday}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="55"/>
        <source>{weekday}, school holiday (lov)</source>
        <translation>{weekday}, lov</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="57"/>
        <source>{weekday}, outside the terms</source>
        <translation>{weekday}, utanför terminerna</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="81"/>
        <source>Date and time shown on the map</source>
        <translation>Datum och tid som kartan visar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="86"/>
        <source>Time of day, in steps of 15 minutes</source>
        <translation>Tid på dygnet, i steg om 15 minuter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="87"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="88"/>
        <source>Show the current date and time</source>
        <translation>Visa aktuellt datum och tid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="89"/>
        <source>Show all times</source>
        <translation>Visa alla tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="91"/>
        <source>Show every scene and school, whatever the time; untick to see one moment</source>
        <translation>Visa alla drogscener och skolor oavsett tid; avmarkera för att se ett visst ögonblick</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="94"/>
        <source>One hour back</source>
        <translation>En timme bakåt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="96"/>
        <source>Play: one hour a second</source>
        <translation>Spela upp: en timme per sekund</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="100"/>
        <source>One hour forward</source>
        <translation>En timme framåt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/gui/time_control.py" line="102"/>
        <source>Following the Temporal Controller</source>
        <translation>Följer tidskontrollen (Temporal Controller)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="135"/>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="178"/>
        <source>The fetch was canceled.</source>
        <translation>Hämtningen avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="165"/>
        <source>{service} sent text that is not valid {encoding} (at byte {position}, near &apos;{excerpt}&apos;). Check that the address {url} points at the service itself.</source>
        <translation>{service} skickade text som inte är giltig {encoding} (vid byte {position}, nära &apos;{excerpt}&apos;). Kontrollera att adressen {url} pekar på själva tjänsten.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="219"/>
        <source>{host} redirected the request more than {count} times.</source>
        <translation>{host} styrde om begäran mer än {count} gånger.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="239"/>
        <source>{host} redirected the request to &apos;{target}&apos;, which is not followed: only redirects on the same host, never from https to anything else, are. Check the address of the service.</source>
        <translation>{host} styrde om begäran till &apos;{target}&apos;, vilket inte följs: bara omstyrningar till samma värd följs, aldrig från https till något annat. Kontrollera tjänstens adress.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="309"/>
        <source>The answer of {host} is larger than {size:g} MB, the most the plugin accepts (setting {key}). Ask for a smaller area, or raise the setting.</source>
        <translation>Svaret från {host} är större än {size:g} MB, det mesta insticksprogrammet tar emot (inställningen {key}). Fråga efter ett mindre område, eller höj inställningen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="321"/>
        <source>{host} did not send its whole answer within {total:g} s. The server or the network may be slow: try again later, or with a smaller area.</source>
        <translation>{host} skickade inte hela sitt svar inom {total:g} s. Servern eller nätverket kan vara långsamt: försök igen senare, eller med ett mindre område.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http.py" line="326"/>
        <source>{host} did not answer within {total:g} s. The server may be busy: try again later, or with a smaller area.</source>
        <translation>{host} svarade inte inom {total:g} s. Servern kan vara upptagen: försök igen senare, eller med ett mindre område.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="60"/>
        <source>{service} sent an answer that is not valid JSON (&apos;{excerpt}&apos;). Check that the address {url} points at the service itself.</source>
        <translation>{service} skickade ett svar som inte är giltig JSON (&apos;{excerpt}&apos;). Kontrollera att adressen {url} pekar på själva tjänsten.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="72"/>
        <source>QGIS under Settings › Options › Network</source>
        <translation>QGIS under Inställningar › Alternativ › Nätverk</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="75"/>
        <source>Could not reach {host} through the proxy ({detail}). Check the proxy in {network}: address, port, user and password.</source>
        <translation>Kunde inte nå {host} via proxyn ({detail}). Kontrollera proxyn i {network}: adress, port, användarnamn och lösenord.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="80"/>
        <source>The secure connection to {host} failed: its certificate could not be verified ({detail}). If your organisation inspects encrypted traffic, set the CA bundle file with its root certificate (setting drogscen/ca_bundle); check also the computer&apos;s date and time.</source>
        <translation>Den säkra anslutningen till {host} misslyckades: certifikatet kunde inte verifieras ({detail}). Om din organisation granskar krypterad trafik, ange CA-paketfilen med dess rotcertifikat (inställningen drogscen/ca_bundle); kontrollera också datorns datum och tid.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="87"/>
        <source>No connection to {host} within {connect:g} s. Check the network connection and the proxy in {network}.</source>
        <translation>Ingen anslutning till {host} inom {connect:g} s. Kontrollera nätverksanslutningen och proxyn i {network}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="94"/>
        <source>{host} did not answer within {read:g} s. The server may be busy: try again later, or with a smaller area.</source>
        <translation>{host} svarade inte inom {read:g} s. Servern kan vara överbelastad: försök igen senare, eller med ett mindre område.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="99"/>
        <source>The SOCKS proxy set in {network} needs the Python package PySocks (Debian and Ubuntu: python3-socks). Install it, or use an HTTP proxy.</source>
        <translation>SOCKS-proxyn som är inställd i {network} kräver Python-paketet PySocks (Debian och Ubuntu: python3-socks). Installera det, eller använd en HTTP-proxy.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="106"/>
        <source>&apos;{url}&apos; is not an address the plugin can use: it must start with https:// or http://.</source>
        <translation>&apos;{url}&apos; är inte en adress som tillägget kan använda: den måste börja med https:// eller http://.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="110"/>
        <source>Could not connect to {host} ({detail}). Check the network connection, the address and the proxy in {network}.</source>
        <translation>Kunde inte ansluta till {host} ({detail}). Kontrollera nätverksanslutningen, adressen och proxyn i {network}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="115"/>
        <source>The connection to {host} broke off ({detail}). Try again.</source>
        <translation>Anslutningen till {host} bröts ({detail}). Försök igen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="128"/>
        <source>{service} refuses further requests for now: too many requests (HTTP 429). Wait a few minutes and try again.</source>
        <translation>{service} tar inte emot fler förfrågningar just nu: för många förfrågningar (HTTP 429). Vänta några minuter och försök igen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="133"/>
        <source>{service} is busy or unavailable (HTTP {status}). Try again in a few minutes.</source>
        <translation>{service} är överbelastad eller inte tillgänglig (HTTP {status}). Försök igen om några minuter.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="137"/>
        <source>The proxy asks for a user name and password (HTTP 407). Enter them in QGIS under Settings › Options › Network.</source>
        <translation>Proxyn kräver användarnamn och lösenord (HTTP 407). Ange dem i QGIS under Inställningar › Alternativ › Nätverk.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="142"/>
        <source>{service} has nothing at {url} (HTTP 404). Check the address of the service.</source>
        <translation>{service} har inget på {url} (HTTP 404). Kontrollera tjänstens adress.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/http_errors.py" line="144"/>
        <source>{service} answered with an error (HTTP {status}): &apos;{excerpt}&apos;. Check the address {url}.</source>
        <translation>{service} svarade med ett fel (HTTP {status}): &apos;{excerpt}&apos;. Kontrollera adressen {url}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="23"/>
        <source>OpenStreetMap (Overpass API): schools and preschools</source>
        <translation>OpenStreetMap (Overpass API): skolor och förskolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="26"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="29"/>
        <source>Data © OpenStreetMap contributors (ODbL): credit OpenStreetMap where you show the map.</source>
        <translation>Data © OpenStreetMaps bidragsgivare (ODbL): ange OpenStreetMap som källa där du visar kartan.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="34"/>
        <source>Overpass API address</source>
        <translation>Adress till Overpass API</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="37"/>
        <source>The Overpass API interpreter; the default comes from the setting drogscen/overpass_url, else the public server.</source>
        <translation>Overpass API:s interpreter; standardvärdet kommer från inställningen drogscen/overpass_url, annars den publika servern.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="44"/>
        <source>municipality {code}</source>
        <translation>kommun {code}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="46"/>
        <source>the extent {south:.5f}, {west:.5f}, {north:.5f}, {east:.5f}</source>
        <translation>utbredningen {south:.5f}, {west:.5f}, {north:.5f}, {east:.5f}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="50"/>
        <source>Asking {url} for {where}…</source>
        <translation>Frågar {url} om {where}…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/osm_source.py" line="53"/>
        <source>Maps and data made from it must credit “© OpenStreetMap contributors”.</source>
        <translation>Kartor och data som bygger på dem måste ange ”© OpenStreetMaps bidragsgivare”.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="65"/>
        <source>&apos;{code}&apos; is not a municipality code: give the four digits of the kommunkod, for example 0180 for Stockholm or 1480 for Göteborg.</source>
        <translation>&apos;{code}&apos; är ingen kommunkod: ange kommunkodens fyra siffror, till exempel 0180 för Stockholm eller 1480 för Göteborg.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="78"/>
        <source>The extent {south:g}, {west:g}, {north:g}, {east:g} (south, west, north, east in degrees) is empty or lies outside the world.</source>
        <translation>Utbredningen {south:g}, {west:g}, {north:g}, {east:g} (syd, väst, nord, öst i grader) är tom eller ligger utanför jorden.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="132"/>
        <source>OpenStreetMap has no municipality with the code {code} (a boundary with admin_level=7 and ref:scb={code}). Check the code, or fetch by extent instead.</source>
        <translation>OpenStreetMap har ingen kommun med koden {code} (en gräns med admin_level=7 och ref:scb={code}). Kontrollera koden, eller hämta efter utbredning i stället.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="140"/>
        <source>The server answered XML, not the JSON asked for; it was read as XML.</source>
        <translation>Servern svarade med XML, inte den JSON som efterfrågades; svaret lästes som XML.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="149"/>
        <source>The Overpass server limits how many queries one address may run, and the limit is reached (HTTP {status}). Wait a few minutes and try again, or use another Overpass server (setting drogscen/overpass_url).</source>
        <translation>Overpass-servern begränsar hur många frågor en adress får köra, och gränsen är nådd (HTTP {status}). Vänta några minuter och försök igen, eller använd en annan Overpass-server (inställningen drogscen/overpass_url).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="157"/>
        <source>The Overpass server did not accept the query (&apos;{excerpt}&apos;). Check that the Overpass address points at an interpreter, such as {default}.</source>
        <translation>Overpass-servern godtog inte frågan (&apos;{excerpt}&apos;). Kontrollera att Overpass-adressen pekar på en interpreter, som {default}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="165"/>
        <source>The Overpass server is too busy to run the query now (&apos;{excerpt}&apos;). Try again in a few minutes or with a smaller area, or use another Overpass server (setting drogscen/overpass_url).</source>
        <translation>Overpass-servern är för belastad för att köra frågan nu (&apos;{excerpt}&apos;). Försök igen om några minuter eller med ett mindre område, eller använd en annan Overpass-server (inställningen drogscen/overpass_url).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="180"/>
        <source>The answer is JSON but not from an Overpass API (no list of elements). Check the Overpass address (setting drogscen/overpass_url).</source>
        <translation>Svaret är JSON men kommer inte från ett Overpass-API (ingen lista med element). Kontrollera Overpass-adressen (inställningen drogscen/overpass_url).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="188"/>
        <source>The Overpass server stopped the query: &apos;{remark}&apos;. Try a smaller area, or again when the server is less busy.</source>
        <translation>Overpass-servern avbröt frågan: &apos;{remark}&apos;. Försök med ett mindre område, eller igen när servern är mindre belastad.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="208"/>
        <source>it is not an element</source>
        <translation>det är inget element</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="297"/>
        <source>the node has no coordinates</source>
        <translation>noden saknar koordinater</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="303"/>
        <source>an open way, not an area: the school grounds need a closed outline</source>
        <translation>en öppen väg, inte en yta: skolgården behöver en sluten kontur</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="309"/>
        <source>a relation of type &apos;{type}&apos;: only multipolygon relations are read</source>
        <translation>en relation av typen &apos;{type}&apos;: bara multipolygonrelationer läses</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="320"/>
        <source>its member ways do not join into closed rings</source>
        <translation>dess medlemsvägar bildar inte slutna ringar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="327"/>
        <source>part of its geometry is missing from the answer</source>
        <translation>en del av geometrin saknas i svaret</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass.py" line="333"/>
        <source>its outline encloses no area</source>
        <translation>konturen omsluter ingen yta</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="73"/>
        <source>The Overpass server answered with an error page: &apos;{words}&apos;.</source>
        <translation>Overpass-servern svarade med en felsida: &apos;{words}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="84"/>
        <source>The server answered XML, not the JSON asked for, and it cannot be read as an OpenStreetMap answer ({message}). Check the Overpass address (setting drogscen/overpass_url).</source>
        <translation>Servern svarade med XML, inte den JSON som efterfrågades, och svaret kan inte läsas som ett OpenStreetMap-svar ({message}). Kontrollera Overpass-adressen (inställningen drogscen/overpass_url).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="139"/>
        <source>its root element is &lt;{tag}&gt;</source>
        <translation>dess rotelement är &lt;{tag}&gt;</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="154"/>
        <source>element {position}</source>
        <translation>element {position}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="167"/>
        <source>its tags are not a list of texts</source>
        <translation>dess taggar är ingen lista med texter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="170"/>
        <source>its tag &apos;{key}&apos; is not valid UTF-8</source>
        <translation>dess tagg &apos;{key}&apos; är inte giltig UTF-8</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="182"/>
        <source>a point of its geometry is not a position</source>
        <translation>en punkt i dess geometri är ingen position</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="193"/>
        <source>{key} {value!r} is not a number of degrees</source>
        <translation>{key} {value!r} är inget antal grader</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="208"/>
        <source>its members are not a list</source>
        <translation>dess medlemmar är ingen lista</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="214"/>
        <source>its geometry is not a list of points</source>
        <translation>dess geometri är ingen lista med punkter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/overpass_answer.py" line="225"/>
        <source>its id {id!r} is not a positive whole number</source>
        <translation>dess id {id!r} är inget positivt heltal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="79"/>
        <source>Skolverket&apos;s register has no active school units for the municipality code {code}. Check the code: four digits, for example 0180 for Stockholm.</source>
        <translation>Skolverkets register har inga aktiva skolenheter för kommunkoden {code}. Kontrollera koden: fyra siffror, till exempel 0180 för Stockholm.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="94"/>
        <source>No school unit&apos;s details could be fetched ({count} tried); the first: {reason}</source>
        <translation>Inga skolenheters uppgifter kunde hämtas ({count} försök); den första: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="165"/>
        <location filename="../drogscen_plugin/net/skolverket.py" line="231"/>
        <source>its name &apos;{name}&apos; is not valid UTF-8</source>
        <translation>dess namn &apos;{name}&apos; är inte giltig UTF-8</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="171"/>
        <source>{name}: the register has no coordinates</source>
        <translation>{name}: registret har inga koordinater</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="193"/>
        <source>The answer is JSON but not from Skolenhetsregistret v2. Check the Skolverket address (setting drogscen/skolverket_url), for example {default}.</source>
        <translation>Svaret är JSON men kommer inte från Skolenhetsregistret v2. Kontrollera Skolverkets adress (inställningen drogscen/skolverket_url), till exempel {default}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="213"/>
        <source>unit {position}</source>
        <translation>enhet {position}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="223"/>
        <source>it is not a school unit</source>
        <translation>det är ingen skolenhet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="226"/>
        <source>its code {code!r} is not a school unit code</source>
        <translation>dess kod {code!r} är ingen skolenhetskod</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket.py" line="229"/>
        <source>its name is not text</source>
        <translation>dess namn är inte text</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="20"/>
        <source>Skolverket (Skolenhetsregistret): schools only, no preschools</source>
        <translation>Skolverket (Skolenhetsregistret): bara skolor, inga förskolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="23"/>
        <source>Skolverket</source>
        <translation>Skolverket</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="26"/>
        <source>Skolverket&apos;s register has no preschools, and it is searched by municipality only.</source>
        <translation>Skolverkets register har inga förskolor och söks bara per kommun.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="31"/>
        <source>Skolenhetsregistret address</source>
        <translation>Adress till Skolenhetsregistret</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="34"/>
        <source>Skolverket&apos;s Skolenhetsregistret v2; the default comes from the setting drogscen/skolverket_url.</source>
        <translation>Skolverkets Skolenhetsregistret v2; standardvärdet kommer från inställningen drogscen/skolverket_url.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="40"/>
        <source>Skolverket&apos;s register is searched by municipality: give a municipality code (kommunkod), such as 0180 for Stockholm.</source>
        <translation>Skolverkets register söks per kommun: ange en kommunkod, till exempel 0180 för Stockholm.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/net/skolverket_source.py" line="46"/>
        <source>Asking {url} for the school units of municipality {code}, one request per unit not fetched in the last day, four at a time…</source>
        <translation>Frågar {url} efter skolenheterna i kommun {code}, en förfrågan per enhet som inte hämtats det senaste dygnet, fyra åt gången…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/plugin.py" line="83"/>
        <source>Drogscen</source>
        <translation>Drogscen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/plugin.py" line="86"/>
        <location filename="../drogscen_plugin/processing/provider.py" line="32"/>
        <source>Drogscen: open drug scenes near schools, in space and time</source>
        <translation>Drogscen: öppna drogscener nära skolor, i rum och tid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/plugin.py" line="90"/>
        <source>New scenes layer…</source>
        <translation>Nytt lager för drogscener…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/plugin.py" line="140"/>
        <location filename="../drogscen_plugin/plugin.py" line="148"/>
        <source>New scenes layer</source>
        <translation>Nytt lager för drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/plugin.py" line="149"/>
        <source>Layer name</source>
        <translation>Lagrets namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/base.py" line="61"/>
        <source>Distance field (per school)</source>
        <translation>Avståndsfält (per skola)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/base.py" line="67"/>
        <source>Numeric field with a school&apos;s own distance in metres; empty values use the distance above.</source>
        <translation>Numeriskt fält med skolans eget avstånd i meter; tomma värden använder avståndet ovan.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/base.py" line="124"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="136"/>
        <source>{parameter}: layer &apos;{layer}&apos; has no field &apos;{field}&apos;.</source>
        <translation>{parameter}: lagret &apos;{layer}&apos; saknar fältet &apos;{field}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/base.py" line="138"/>
        <source>{parameter}: {message}</source>
        <translation>{parameter}: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/base.py" line="149"/>
        <source>{parameter}: &apos;{text}&apos; is not valid opening hours: {message}</source>
        <translation>{parameter}: &apos;{text}&apos; är inte giltiga öppettider: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="43"/>
        <source>The area within the distance of each school or preschool, as the overlap analysis measures it: a circle around a point, or outward from the boundary of school grounds, its arcs drawn within 5 cm of the true circle. Each buffer keeps the school&apos;s attributes and gets the field distance_m with the distance used.</source>
        <translation>Området inom avståndet från varje skola och förskola, så som överlappsanalysen mäter det: en cirkel runt en punkt, eller utåt från skolgårdens gräns, med bågarna ritade inom 5 cm från den sanna cirkeln. Varje buffertzon behåller skolans attribut och får fältet distance_m med det avstånd som användes.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="58"/>
        <source>Points, or polygons of school grounds.</source>
        <translation>Punkter, eller polygoner för skolgårdar.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="60"/>
        <source>Buffer distance in metres.</source>
        <translation>Buffertavstånd i meter.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="62"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="126"/>
        <source>Analysis CRS</source>
        <translation>Analysens koordinatsystem</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="63"/>
        <source>Projected CRS in metres in which the buffers are drawn and written.</source>
        <translation>Projicerat koordinatsystem i meter där buffertzonerna ritas och skrivs.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/buffer_schools.py" line="70"/>
        <source>One polygon per school.</source>
        <translation>En polygon per skola.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="36"/>
        <source>dates</source>
        <translation>datum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="37"/>
        <source>public holidays (PH)</source>
        <translation>helgdagar (PH)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="38"/>
        <source>the school holidays (SH) given to the analysis</source>
        <translation>skolloven (SH) som analysen fått</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="54"/>
        <source>hours by the calendar: {kinds} as the rules say; other days {week}</source>
        <translation>tider efter kalendern: {kinds} som reglerna säger; övriga dagar {week}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="72"/>
        <source>Check hours</source>
        <translation>Kontrollera tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="75"/>
        <source>Reads a field of opening_hours text the way the overlap analysis does. The output is the input layer with three more fields: hours_valid (true when the hours were understood, false when not, empty when there are none), hours_message (what is wrong, and where; for hours that read the calendar, such as &apos;Jul off&apos;, &apos;PH off&apos; or &apos;2024 Apr 10-16 off&apos;, what they read and the hours of the other days) and hours_canonical (the hours in canonical opening_hours form; hours that read the calendar as given). Each value that cannot be read is also reported in the log with its feature id, followed by the counts.</source>
        <translation>Läser ett fält med opening_hours-text på samma sätt som överlappsanalysen. Utdata är indatalagret med tre fält till: hours_valid (sant när tiderna kunde tolkas, falskt när de inte kunde det, tomt när det inte finns några), hours_message (vad som är fel, och var; för tider som följer kalendern, som &apos;Jul off&apos;, &apos;PH off&apos; eller &apos;2024 Apr 10-16 off&apos;, vad de läser och tiderna övriga dagar) och hours_canonical (tiderna i kanonisk opening_hours-form; tider som följer kalendern som de skrevs). Varje värde som inte kan tolkas rapporteras också i loggen med sitt objekt-id, följt av antalen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="92"/>
        <source>Any layer or table with hours.</source>
        <translation>Vilket lager eller vilken tabell som helst med tider.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="96"/>
        <source>Hours field</source>
        <translation>Fält med tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="98"/>
        <source>The field with opening_hours text, such as &apos;Mo-Fr 07:00-18:00&apos;.</source>
        <translation>Fältet med opening_hours-text, till exempel &apos;Mo-Fr 07:00-18:00&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="102"/>
        <source>Checked hours</source>
        <translation>Kontrollerade tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="104"/>
        <source>The input features with hours_valid, hours_message and hours_canonical.</source>
        <translation>Indataobjekten med hours_valid, hours_message och hours_canonical.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="106"/>
        <source>Hours understood</source>
        <translation>Tolkade tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="107"/>
        <source>Hours not understood</source>
        <translation>Tider som inte kunde tolkas</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="108"/>
        <source>No hours</source>
        <translation>Inga tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="116"/>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="179"/>
        <source>Layer &apos;{layer}&apos; has no field &apos;{field}&apos;.</source>
        <translation>Lagret &apos;{layer}&apos; saknar fältet &apos;{field}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="137"/>
        <source>The check was canceled.</source>
        <translation>Kontrollen avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="143"/>
        <source>no hours</source>
        <translation>inga tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="151"/>
        <source>Feature {fid}, field &apos;{field}&apos;: &apos;{value}&apos;: {message}</source>
        <translation>Objekt {fid}, fältet &apos;{field}&apos;: &apos;{value}&apos;: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/check_hours.py" line="170"/>
        <source>{valid} understood, {invalid} not understood, {empty} without hours.</source>
        <translation>{valid} tolkade, {invalid} kunde inte tolkas, {empty} utan tider.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="40"/>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="40"/>
        <source>Quarter</source>
        <translation>Kvartal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="40"/>
        <source>Term (VT/HT)</source>
        <translation>Termin (VT/HT)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="50"/>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="59"/>
        <source>Report date</source>
        <translation>Rapportdatum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="63"/>
        <source>The date the report describes: scenes open on it count as active, and the trend runs up to it. Empty means today.</source>
        <translation>Datumet som rapporten beskriver: drogscener som är öppna då räknas som aktiva, och utvecklingen visas fram till det. Tomt betyder i dag.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="100"/>
        <source>Situation report (PDF and layouts)</source>
        <translation>Lägesbild (PDF och layouter)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="107"/>
        <source>A situation report (lägesbild) of an analysis run, as one PDF and as two print layouts in the project&apos;s layout manager.

The overview page has the map with scenes, buffers, overlaps and schools, the parameters, a table of the affected schools and the data sources. A second page, when scenes or districts are given, shows the trend of scenes per year or quarter (from first_seen and closed_on) and a table per district. Then one page per affected school: its map, a week chart of its opening hours and the scenes&apos; active hours, and the measures (adult presence, guards, the yard round).

The PDF has 1 page, plus 1 for trend and districts when scenes or districts are given, plus 1 per affected school.

The hours shown are the ones the analysis used, as its outputs carry them. The outputs do not record the distance: give the one used, for the parameters line and the buffers.

With measures layers, each school page also shows how far the measures in force on the report date cover its needs (as drogscen:measurecoverage with the school summary and the distance).</source>
        <translation>En lägesbild av en analyskörning, som en PDF och som två utskriftslayouter i projektets layouthanterare.

Översiktssidan har kartan med drogscener, buffertzoner, överlapp och skolor, parametrarna, en tabell över de berörda skolorna och datakällorna. En andra sida, när drogscener eller stadsdelar anges, visar utvecklingen av drogscener per år eller kvartal (från first_seen och closed_on) och en tabell per stadsdel. Sedan en sida per berörd skola: dess karta, ett veckodiagram med skolans öppettider och drogscenernas aktiva tider, och åtgärderna (vuxennärvaro, väktare, rondering av skolgården).

PDF:en har 1 sida, plus 1 för utveckling och stadsdelar när drogscener eller stadsdelar anges, plus 1 per berörd skola.

Tiderna som visas är de som analysen använde, så som dess resultat innehåller dem. Resultaten innehåller inte avståndet: ange det som användes, för parameterraden och buffertzonerna.

Med lager med åtgärder visar varje skolsida också hur väl de åtgärder som gäller på rapportdatumet täcker skolans behov (som drogscen:measurecoverage med sammanställningen per skola och avståndet).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="129"/>
        <source>Report (PDF)</source>
        <translation>Rapport (PDF)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="129"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="131"/>
        <source>The PDF file to write.</source>
        <translation>PDF-filen som ska skrivas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="133"/>
        <source>Pages</source>
        <translation>Sidor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="141"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="95"/>
        <source>The Overlaps output (OUTPUT) of drogscen:overlap.</source>
        <translation>Utdata Överlapp (OUTPUT) från drogscen:overlap.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="145"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="115"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="161"/>
        <location filename="../drogscen_plugin/processing/publish.py" line="62"/>
        <location filename="../drogscen_plugin/report/data.py" line="165"/>
        <source>School summary</source>
        <translation>Sammanställning per skola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="147"/>
        <source>The School summary output (SUMMARY) of drogscen:overlap.</source>
        <translation>Utdata Sammanställning per skola (SUMMARY) från drogscen:overlap.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="156"/>
        <source>The scenes analysed: drawn on the maps, and with their first seen and closed dates the trend.</source>
        <translation>De analyserade drogscenerna: ritas på kartorna och ger, med datumen för första observation och stängning, utvecklingen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="164"/>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="34"/>
        <source>Scene name field</source>
        <translation>Fält med drogscenens namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="169"/>
        <source>Field with the scene&apos;s name, for the map labels.</source>
        <translation>Fält med drogscenens namn, för kartetiketterna.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="175"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="79"/>
        <source>First seen field</source>
        <translation>Fält för första observation</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="180"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="83"/>
        <source>Date field (or YYYY-MM-DD text): when the scene was first seen.</source>
        <translation>Datumfält (eller text ÅÅÅÅ-MM-DD): när drogscenen först observerades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="186"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="88"/>
        <source>Closed on field</source>
        <translation>Fält för stängningsdatum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="191"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="93"/>
        <source>Date field (or YYYY-MM-DD text): when the scene closed; empty while open.</source>
        <translation>Datumfält (eller text ÅÅÅÅ-MM-DD): när drogscenen stängdes; tomt så länge den är öppen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="196"/>
        <source>Source field</source>
        <translation>Fält för källa</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="198"/>
        <source>Field of the scenes (and of the school summary, when it has one) naming where the data come from; OpenStreetMap sources get the OpenStreetMap attribution.</source>
        <translation>Fält i drogscenerna (och i sammanställningen per skola, när den har det) som anger var uppgifterna kommer ifrån; källor från OpenStreetMap får OpenStreetMaps upphovsangivelse.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="212"/>
        <source>Polygons of districts: a table with active scenes, affected schools and conflicts while open per district.</source>
        <translation>Polygoner för stadsdelar: en tabell med aktiva drogscener, berörda skolor och konflikter under verksamhetstid per stadsdel.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="220"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="111"/>
        <source>District name field</source>
        <translation>Fält med stadsdelens namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="225"/>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="116"/>
        <source>Field with the district&apos;s name.</source>
        <translation>Fält med stadsdelens namn.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="233"/>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="99"/>
        <source>Measures layers</source>
        <translation>Lager med åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="237"/>
        <source>Layers of safety measures: each school page shows their coverage of the school&apos;s needs.</source>
        <translation>Lager med trygghetsåtgärder: varje skolsida visar hur de täcker skolans behov.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="246"/>
        <source>Count planned measures in the coverage as if they were in force.</source>
        <translation>Räkna planerade åtgärder i täckningen som om de gällde.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="251"/>
        <source>Trend per</source>
        <translation>Utveckling per</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="253"/>
        <source>Count the scenes per year, per quarter or per term (VT: January to June, HT: July to December).</source>
        <translation>Räkna drogscenerna per år, per kvartal eller per termin (VT: januari till juni, HT: juli till december).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="259"/>
        <source>Paper</source>
        <translation>Papper</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="260"/>
        <source>A4 or A3, landscape.</source>
        <translation>A4 eller A3, liggande.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="265"/>
        <source>Distance used (m)</source>
        <translation>Använt avstånd (m)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="270"/>
        <source>The distance of the analysis run, in metres: shown in the parameters and drawn as the buffers (the outputs do not record it).</source>
        <translation>Analyskörningens avstånd i meter: visas bland parametrarna och ritas som buffertzonerna (resultaten innehåller det inte).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="278"/>
        <source>Add the layouts to the project</source>
        <translation>Lägg till layouterna i projektet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="280"/>
        <source>Put the overview and school layouts into the project&apos;s layout manager, to adjust them in the Layout Designer. Layers the layouts need that are not in the project are added to a hidden group &apos;Situation report layers&apos;.</source>
        <translation>Lägg översikts- och skollayouten i projektets layouthanterare, för att justera dem i layoutdesignern. Lager som layouterna behöver och som inte finns i projektet läggs i en dold grupp &apos;Lager för lägesbild&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="328"/>
        <source>Building the layouts…</source>
        <translation>Bygger layouterna…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="333"/>
        <source>Writing {pages} pages to {path}…</source>
        <translation>Skriver {pages} sidor till {path}…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/export_report.py" line="358"/>
        <source>The layouts &apos;{overview}&apos; and &apos;{schools}&apos; are in the project&apos;s layout manager.</source>
        <translation>Layouterna &apos;{overview}&apos; och &apos;{schools}&apos; finns i projektets layouthanterare.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="62"/>
        <source>Fetch schools and preschools (open data)</source>
        <translation>Hämta skolor och förskolor (öppna data)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="65"/>
        <source>Data sources</source>
        <translation>Datakällor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="71"/>
        <source>Loads schools and preschools for an extent or a municipality from open data, with the fields the overlap analysis reads: name, type (förskola, grundskola, gymnasieskola, skola when the level is not known, annan), opening_hours when the source has them, source_id, source and fetched_at.

OpenStreetMap (Overpass API): schools and preschools, school grounds as polygons where they are mapped, and the opening_hours tag. Data © OpenStreetMap contributors, ODbL: credit OpenStreetMap wherever you show or share it. A school mapped twice (a point in its grounds, grounds within grounds) becomes one feature.

Skolverket (Skolenhetsregistret): the active school units of a municipality, as points. It has no preschools and no opening hours, and it costs one request per school unit not fetched in the last day; units whose details fail are left out and named.

A layer holds one geometry type, so schools mapped as points go to the first output and school grounds to the second; run the overlap analysis on each.

Only the extent or the municipality code is sent to the source. The proxy set in QGIS (Settings › Options › Network) is used.</source>
        <translation>Hämtar skolor och förskolor för en utbredning eller en kommun från öppna data, med fälten som överlappsanalysen läser: name, type (förskola, grundskola, gymnasieskola, skola när skolformen inte är känd, annan), opening_hours när källan har dem, source_id, source och fetched_at.

OpenStreetMap (Overpass API): skolor och förskolor, skolgårdar som polygoner där de är karterade, och taggen opening_hours. Data © OpenStreetMaps bidragsgivare, ODbL: ange OpenStreetMap som källa överallt där du visar eller delar dem. En skola som är karterad två gånger (en punkt på sin skolgård, skolgård inom skolgård) blir ett objekt.

Skolverket (Skolenhetsregistret): en kommuns aktiva skolenheter, som punkter. Registret har inga förskolor och inga öppettider, och det kostar en förfrågan per skolenhet som inte hämtats det senaste dygnet; enheter vars uppgifter inte kan hämtas utelämnas och namnges.

Ett lager rymmer en geometrityp, så skolor som är karterade som punkter hamnar i den första utdatan och skolgårdar i den andra; kör överlappsanalysen på båda.

Bara utbredningen eller kommunkoden skickas till källan. Proxyn som är inställd i QGIS (Inställningar › Alternativ › Nätverk) används.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="97"/>
        <source>Where the schools come from. Skolverket&apos;s register has no preschools and is searched by municipality only.</source>
        <translation>Var skolorna hämtas från. Skolverkets register har inga förskolor och söks bara per kommun.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="103"/>
        <source>Extent</source>
        <translation>Utbredning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="104"/>
        <source>The area to fetch schools for (OpenStreetMap only); or give a municipality.</source>
        <translation>Området att hämta skolor för (bara OpenStreetMap); eller ange en kommun.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="108"/>
        <source>Municipality code (kommunkod)</source>
        <translation>Kommunkod</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="110"/>
        <source>The four-digit municipality code, for example 0180 for Stockholm.</source>
        <translation>Kommunens fyrsiffriga kod, till exempel 0180 för Stockholm.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="121"/>
        <source>Output CRS</source>
        <translation>Koordinatsystem för utdata</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="122"/>
        <source>The CRS of the output layers; EPSG:3006 (SWEREF 99 TM) suits all of Sweden.</source>
        <translation>Utdatalagrens koordinatsystem; EPSG:3006 (SWEREF 99 TM) passar hela Sverige.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="127"/>
        <source>Schools and preschools (points)</source>
        <translation>Skolor och förskolor (punkter)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="129"/>
        <source>The schools and preschools mapped as points (all of them from Skolverket).</source>
        <translation>Skolor och förskolor som är karterade som punkter (alla från Skolverket).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="134"/>
        <source>School grounds (polygons)</source>
        <translation>Skolgårdar (polygoner)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="139"/>
        <source>The schools and preschools mapped with their grounds (OpenStreetMap only).</source>
        <translation>Skolor och förskolor som är karterade med sina skolgårdar (bara OpenStreetMap).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="141"/>
        <source>Schools as points</source>
        <translation>Skolor som punkter</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="142"/>
        <source>Schools with grounds</source>
        <translation>Skolor med skolgård</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="143"/>
        <source>Elements left out</source>
        <translation>Utelämnade element</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="150"/>
        <source>Give either an extent or a municipality code, not both.</source>
        <translation>Ange antingen en utbredning eller en kommunkod, inte båda.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="154"/>
        <source>Give an extent or a municipality code to fetch schools for.</source>
        <translation>Ange en utbredning eller en kommunkod att hämta skolor för.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="158"/>
        <source>{parameter}: no valid CRS given.</source>
        <translation>{parameter}: inget giltigt koordinatsystem angivet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="230"/>
        <source>{count} schools with school grounds were not written: the output &apos;{output}&apos; is not set.</source>
        <translation>{count} skolor med skolgård skrevs inte: utdatan &apos;{output}&apos; är inte angiven.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="247"/>
        <source>{count} schools and preschools from {source}: {points} as points, {grounds} with school grounds.</source>
        <translation>{count} skolor och förskolor från {source}: {points} som punkter, {grounds} med skolgård.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="262"/>
        <source>{count} malformed elements of the answer were left out: {elements}.</source>
        <translation>{count} felaktiga element i svaret utelämnades: {elements}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="268"/>
        <source>{count} school units were left out because their details could not be fetched: {units}.</source>
        <translation>{count} skolenheter utelämnades eftersom deras uppgifter inte kunde hämtas: {units}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="274"/>
        <source>{id} left out: {reason}.</source>
        <translation>{id} utelämnad: {reason}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="277"/>
        <source>{count} more elements left out.</source>
        <translation>{count} element till utelämnade.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="288"/>
        <source>{count} carry opening hours; the others get the default hours of their type in the analysis.</source>
        <translation>{count} har öppettider; de övriga får standardtiderna för sin skolform i analysen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="295"/>
        <source>{id} ({name}): the opening hours &apos;{hours}&apos; cannot be read ({message}); the analysis will use the default hours.</source>
        <translation>{id} ({name}): öppettiderna &apos;{hours}&apos; kan inte tolkas ({message}); analysen använder standardtiderna.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="305"/>
        <source>Source and licence: {attribution}.</source>
        <translation>Källa och licens: {attribution}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="332"/>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="14"/>
        <source> and {count} more</source>
        <translation> och {count} till</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="341"/>
        <source>points within their school&apos;s grounds</source>
        <translation>punkter inom sin skolas skolgård</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="342"/>
        <source>grounds within larger grounds of the same school</source>
        <translation>skolgårdar inom större skolgårdar för samma skola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="343"/>
        <source>points near grounds of the same name</source>
        <translation>punkter nära en skolgård med samma namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="347"/>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/fetch_schools.py" line="353"/>
        <source>{count} features were the same school as another and were merged ({kinds}): {pairs}.</source>
        <translation>{count} objekt var samma skola som ett annat och slogs ihop ({kinds}): {pairs}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="225"/>
        <location filename="../drogscen_plugin/processing/outputs.py" line="353"/>
        <source>no connection could be made</source>
        <translation>ingen anslutning kunde göras</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="231"/>
        <source>{output}: cannot reach the database of &apos;{destination}&apos;: {reason}</source>
        <translation>{output}: når inte databasen för &apos;{destination}&apos;: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="250"/>
        <source>{output}: &apos;{destination}&apos; names no layer; give the layer or table to write.</source>
        <translation>{output}: &apos;{destination}&apos; anger inget lager; ange lagret eller tabellen att skriva.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="260"/>
        <source>{output}: &apos;{destination}&apos; would replace the input layer {source} ({parameter}); choose another output.</source>
        <translation>{output}: &apos;{destination}&apos; skulle ersätta indatalagret {source} ({parameter}); välj en annan utdata.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="270"/>
        <source>{output}: &apos;{destination}&apos; is where {other} is written too; choose another output.</source>
        <translation>{output}: &apos;{destination}&apos; är där även {other} skrivs; välj ett annat utdata.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/guard.py" line="355"/>
        <source>Could not complete the outputs of an interrupted earlier run: {reason}</source>
        <translation>Kunde inte göra färdigt utdata från en tidigare körning som avbröts: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="60"/>
        <source>Coverage of safety measures</source>
        <translation>Täckning av trygghetsåtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="69"/>
        <source>Compares each affected school&apos;s needs, from the Overlaps output of the overlap analysis, with the safety measures in force there.

Adult presence hours are covered by adult presence measures; guard hours by cameras, sensors and guard patrols; a yard round is needed on each day the school opens after scene activity, and a yard round measure covers it when its hours include a time that day before the opening, while the school is still closed. Other measures (lighting, fencing...) cover no hours.

A measure counts for a school when its &apos;school&apos; field names it, or, with the School summary, when it lies within the distance of the school. It is in force when its status is ongoing or done (or planned, when planned measures are included), it has started by the date and not ended before it. Cameras and sensors without hours are always on.

The output has one row per affected school: the minutes per week needed and uncovered, the uncovered hours, and the days a yard round is missing. Measures that cannot be read are left out and reported.

With a period (the one the overlap analysis ran over), the needs are those of the period and each measure covers only the days it exists, from its start date to its end date; the minutes are per 7 days of the period and the hours and days carry dates. Without one, the weekly needs are compared with the measures in force on the date.</source>
        <translation>Jämför varje berörd skolas behov, från utdata Överlapp i överlappsanalysen, med de trygghetsåtgärder som gäller där.

Tider för vuxennärvaro täcks av åtgärder med vuxennärvaro; väktartider av kameror, sensorer och väktarronder; rondering av skolgården behövs varje dag då skolan öppnar efter aktivitet på drogscenen, och en ronderingsåtgärd täcker den när dess tider omfattar en tid den dagen före öppning, medan skolan fortfarande är stängd. Övriga åtgärder (belysning, stängsel …) täcker inga tider.

En åtgärd räknas för en skola när dess fält &apos;school&apos; anger skolan, eller, med Sammanställning per skola, när den ligger inom skolans avstånd. Den gäller när dess status är pågående eller genomförd (eller planerad, när planerade åtgärder tas med), den har startat senast datumet och inte slutat före det. Kameror och sensorer utan tider är alltid på.

Utdata har en rad per berörd skola: minuter per vecka som behövs och som är otäckta, de otäckta tiderna och de dagar då rondering saknas. Åtgärder som inte kan läsas utelämnas och rapporteras.

Med en period (den som överlappsanalysen gjordes för) är behoven periodens, och varje åtgärd täcker bara de dagar den finns, från sitt startdatum till sitt slutdatum; minuterna är per 7 dagar av perioden och tiderna och dagarna har datum. Utan period jämförs veckobehoven med de åtgärder som gäller på datumet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="101"/>
        <source>Layers of safety measures with the fields measure_type, school, hours and status (and start_date, end_date), such as New measures layer creates.</source>
        <translation>Lager med trygghetsåtgärder med fälten measure_type, school, hours och status (och start_date, end_date), som de lager som Nytt åtgärdslager skapar.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="110"/>
        <source>Count planned measures as if they were in force, to see what the plans cover.</source>
        <translation>Räkna planerade åtgärder som om de gällde, för att se vad planerna täcker.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="119"/>
        <source>The School summary output (SUMMARY) of drogscen:overlap: measures within the distance of a school count for it, whatever their &apos;school&apos; field says.</source>
        <translation>Utdata Sammanställning per skola (SUMMARY) från drogscen:overlap: åtgärder inom en skolas avstånd räknas för den, oavsett vad deras fält &apos;school&apos; anger.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="130"/>
        <source>With the School summary: how far from a school a measure counts, in metres; the distance of the analysis run.</source>
        <translation>Med Sammanställning per skola: hur långt från en skola en åtgärd räknas, i meter; analyskörningens avstånd.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="137"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="139"/>
        <source>The date the measures must be in force on (start and end dates). Empty means today.</source>
        <translation>Datumet då åtgärderna ska gälla (start- och slutdatum). Tomt betyder i dag.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="148"/>
        <source>Measure coverage</source>
        <translation>Åtgärdstäckning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="150"/>
        <source>One row per affected school: needed and uncovered minutes per week, the uncovered hours and the yard round days missing.</source>
        <translation>En rad per berörd skola: minuter per vecka som behövs och som är otäckta, de otäckta tiderna och de ronderingsdagar som saknas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="155"/>
        <location filename="../drogscen_plugin/report/trend.py" line="116"/>
        <source>Affected schools</source>
        <translation>Berörda skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="157"/>
        <source>Schools whose needs are covered</source>
        <translation>Skolor vars behov är täckta</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="167"/>
        <source>First and last date of the period (2026-08-17), as in the overlap analysis: the needs over it, each measure counted on the days it exists. Empty: the weekly needs against the measures in force on the date.</source>
        <translation>Periodens första och sista datum (2026-08-17), som i överlappsanalysen: behoven under den, varje åtgärd räknad de dagar den finns. Tomt: veckobehoven mot de åtgärder som gäller på datumet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="177"/>
        <source>With a period: the school holidays as in the overlap analysis (&apos;2026-10-26/2026-10-30, …&apos;), what SH means in the measures&apos; hours.</source>
        <translation>Med en period: skolloven som i överlappsanalysen (&apos;2026-10-26/2026-10-30, …&apos;), det SH betyder i åtgärdernas tider.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="209"/>
        <source>{parameter}: no measures layer given.</source>
        <translation>{parameter}: inget lager med åtgärder angivet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="245"/>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="269"/>
        <source>The coverage was canceled.</source>
        <translation>Täckningsberäkningen avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="257"/>
        <source>{covered} of {schools} affected schools have their needs covered on {date}.</source>
        <translation>{covered} av {schools} berörda skolor har sina behov täckta den {date}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/measure_coverage.py" line="261"/>
        <source>{covered} of {schools} affected schools have their needs covered from {start} to {end}.</source>
        <translation>{covered} av {schools} berörda skolor har sina behov täckta från {start} till {end}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="124"/>
        <source>the file {path} exists and is replaced whole, with its layers {layers}.</source>
        <translation>filen {path} finns och ersätts helt, med sina lager {layers}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="127"/>
        <source>the file {path} exists and is replaced.</source>
        <translation>filen {path} finns och ersätts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="130"/>
        <source>the layer &apos;{layer}&apos; in {path} exists and is replaced; the other layers of the file are kept.</source>
        <translation>lagret &apos;{layer}&apos; i {path} finns och ersätts; filens övriga lager behålls.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="138"/>
        <source>the table {schema}.{table} exists and is replaced.</source>
        <translation>tabellen {schema}.{table} finns och ersätts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="310"/>
        <source>the file written cannot be read back</source>
        <translation>den skrivna filen går inte att läsa tillbaka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="318"/>
        <source>The outputs could not all be put in place ({reason}); the next run reading or writing that folder completes them.</source>
        <translation>Utdata kunde inte alla läggas på plats ({reason}); nästa körning som läser eller skriver i den mappen gör det färdigt.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="326"/>
        <source>The outputs could not be written ({reason}); the files that were there are kept as they were.</source>
        <translation>Utdata kunde inte skrivas ({reason}); filerna som fanns finns kvar som de var.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="369"/>
        <location filename="../drogscen_plugin/processing/outputs.py" line="390"/>
        <source>Could not remove the unfinished output {output}: {error}</source>
        <translation>Kunde inte ta bort den ofullständiga utdatan {output}: {error}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/outputs.py" line="379"/>
        <source>The unfinished outputs were removed.</source>
        <translation>De ofullständiga utdata togs bort.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap.py" line="88"/>
        <source>Drug scenes near schools (space and time)</source>
        <translation>Drogscener nära skolor (rum och tid)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap.py" line="91"/>
        <source>For every school and preschool: which open drug scenes lie within the distance, how much of the school&apos;s buffer they cover, and when they are active compared with the school&apos;s opening hours.

Hours use the OpenStreetMap opening_hours syntax (for example &apos;Mo-Fr 07:00-18:00&apos; or &apos;Fr,Sa 22:00-03:00&apos;); Swedish day names and whole hours (&apos;Må-Fr 7-18&apos;) are accepted.

Overlaps has one feature per school and scene: the overlap area, its share of the buffer, the scene&apos;s active minutes per week, the minutes while the school is open (concurrent) and closed (after hours), and three measures as opening hours: adult presence on the yard, guard hours (sensors and cameras), and the morning yard round (days and latest time).

The summary has one feature per school with the totals over all its scenes.

Invalid polygons are repaired, features without geometry skipped, and layers in other CRSs transformed, all reported in the log. Scenes without hours count as always active; hours that cannot be read are reported per feature and flagged in hours_note. The input layers are not changed.</source>
        <translation>För varje skola och förskola: vilka öppna drogscener som ligger inom avståndet, hur stor del av skolans buffertzon de täcker, och när de är aktiva jämfört med skolans öppettider.

Tider anges med OpenStreetMaps opening_hours-syntax (till exempel &apos;Mo-Fr 07:00-18:00&apos; eller &apos;Fr,Sa 22:00-03:00&apos;); svenska dagnamn och hela timmar (&apos;Må-Fr 7-18&apos;) godtas.

Överlapp har ett objekt per skola och drogscen: överlappsytan, dess andel av buffertzonen, drogscenens aktiva minuter per vecka, minuterna medan skolan är öppen (under verksamhetstid) och stängd (utanför verksamhetstid), och tre åtgärder som öppettider: vuxennärvaro på skolgården, väktartider (sensorer och kameror) och morgonens rondering av skolgården (dagar och senaste tid).

Sammanställningen har ett objekt per skola med summorna över alla dess drogscener.

Ogiltiga polygoner repareras, objekt utan geometri hoppas över och lager i andra koordinatsystem transformeras, och allt rapporteras i loggen. Drogscener utan tider räknas som alltid aktiva; tider som inte kan tolkas rapporteras per objekt och flaggas i hours_note. Indatalagren ändras inte.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap.py" line="112"/>
        <source>How far from a school a scene counts, in metres.</source>
        <translation>Hur långt från en skola en drogscen räknas, i meter.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap.py" line="162"/>
        <source>Analysing {schools} schools and {scenes} scenes within {distance:g} m…</source>
        <translation>Analyserar {schools} skolor och {scenes} drogscener inom {distance:g} m…</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap.py" line="317"/>
        <source>Period: {start} to {end} ({days} days).</source>
        <translation>Period: {start} till {end} ({days} dagar).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="29"/>
        <source>Polygons of the open drug scenes.</source>
        <translation>Polygoner för de öppna drogscenerna.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="39"/>
        <source>Field with the scene&apos;s name; used when the layer has it.</source>
        <translation>Fält med drogscenens namn; används när lagret har det.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="44"/>
        <source>Scene active hours field</source>
        <translation>Fält med drogscenens aktiva tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="50"/>
        <source>Field with the weekly hours when the scene is active, in opening_hours syntax. Empty values, or no field, mean always active.</source>
        <translation>Fält med de tider i veckan då drogscenen är aktiv, i opening_hours-syntax. Tomma värden, eller inget fält, betyder alltid aktiv.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="63"/>
        <source>Points, polygons of school grounds (buffered from their boundary), or both in one layer; lines among them are left out and named in the log.</source>
        <translation>Punkter, polygoner för skolgårdar (buffras från sin gräns) eller båda i ett lager; linjer bland dem utelämnas och namnges i loggen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="71"/>
        <source>School name field</source>
        <translation>Fält med skolans namn</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="76"/>
        <source>Field with the school&apos;s name; used when the layer has it.</source>
        <translation>Fält med skolans namn; används när lagret har det.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="81"/>
        <source>School type field</source>
        <translation>Fält med skolform</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="86"/>
        <source>Field with the school type; values such as &apos;förskola&apos;, &apos;preschool&apos; or &apos;kindergarten&apos; mean a preschool, which gets the default preschool hours.</source>
        <translation>Fält med skolformen; värden som &apos;förskola&apos;, &apos;preschool&apos; eller &apos;kindergarten&apos; betyder förskola, som får standardtiderna för förskolor.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="94"/>
        <source>School opening hours field</source>
        <translation>Fält med skolans öppettider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="100"/>
        <source>Field with the school&apos;s opening hours in opening_hours syntax. Empty values, or no field, take the default hours of the school type.</source>
        <translation>Fält med skolans öppettider i opening_hours-syntax. Tomma värden, eller inget fält, får standardtiderna för skolformen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="112"/>
        <source>Opening hours of schools without their own: the school day plus the after-school centre (fritidshem).</source>
        <translation>Öppettider för skolor som saknar egna: skoldagen plus fritidshemmet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="122"/>
        <source>Opening hours of preschools without their own.</source>
        <translation>Öppettider för förskolor som saknar egna.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="127"/>
        <source>Projected CRS in metres in which distances and areas are measured and the outputs are written; EPSG:3006 (SWEREF 99 TM) suits all of Sweden.</source>
        <translation>Projicerat koordinatsystem i meter där avstånd och ytor mäts och utdata skrivs; EPSG:3006 (SWEREF 99 TM) passar hela Sverige.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="136"/>
        <source>Run in the database</source>
        <translation>Kör i databasen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="137"/>
        <source>Automatic</source>
        <translation>Automatiskt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="137"/>
        <source>Always</source>
        <translation>Alltid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="137"/>
        <source>Never</source>
        <translation>Aldrig</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="140"/>
        <source>Automatic: when the scenes, the schools and both outputs are tables of one PostGIS database (PostgreSQL 14 or newer), the analysis runs there as SQL and no geometry travels to this computer; otherwise it runs here. Always: run in the database or stop, saying what is missing. Never: always run here.</source>
        <translation>Automatiskt: när drogscenerna, skolorna och båda utdata är tabeller i en och samma PostGIS-databas (PostgreSQL 14 eller senare) körs analysen där som SQL och ingen geometri hämtas till den här datorn; annars körs den här. Alltid: kör i databasen eller avbryt och säg vad som saknas. Aldrig: kör alltid här.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="153"/>
        <source>One polygon per school and scene: the part of the scene within the school&apos;s buffer.</source>
        <translation>En polygon per skola och drogscen: den del av drogscenen som ligger inom skolans buffertzon.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="166"/>
        <source>One feature per school with the totals over its scenes; the situation report reads it. May be skipped when only the overlaps are wanted.</source>
        <translation>Ett objekt per skola med summorna över dess scener; lägesbilden läser det. Kan hoppas över när bara överlappen behövs.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="171"/>
        <source>School-scene pairs</source>
        <translation>Par skola–drogscen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="173"/>
        <source>Invalid geometries repaired</source>
        <translation>Reparerade ogiltiga geometrier</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="176"/>
        <source>Features without geometry skipped</source>
        <translation>Överhoppade objekt utan geometri</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="179"/>
        <source>Scenes without hours</source>
        <translation>Drogscener utan tider</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="183"/>
        <source>Features with unreadable hours</source>
        <translation>Objekt med tider som inte kan tolkas</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="188"/>
        <source>Scenes that did not exist in the period</source>
        <translation>Platser som inte fanns under perioden</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="194"/>
        <source>Scene first seen field</source>
        <translation>Fält för platsens först sedd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="195"/>
        <source>Scene closed on field</source>
        <translation>Fält för platsens stängd den</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="204"/>
        <source>Date when the scene was first seen / closed: a scene counts from its first seen date up to the day before it closed. Chosen by itself when the layer has &apos;first_seen&apos; / &apos;closed_on&apos;; empty means always there.</source>
        <translation>Datum då platsen först sågs / stängdes: en plats räknas från datumet den först sågs till dagen innan den stängdes. Väljs av sig själv när lagret har &apos;first_seen&apos; / &apos;closed_on&apos;; tomt betyder att den alltid funnits.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="216"/>
        <source>First and last date of the period analysed (2026-08-17); empty: the current Monday to Sunday. Minutes per week are the period&apos;s per 7 days.</source>
        <translation>Första och sista datum i perioden som analyseras (2026-08-17); tomt: innevarande måndag till söndag. Minuter per vecka är periodens per 7 dagar.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="225"/>
        <source>Date ranges of the school holidays (lov), such as &apos;2026-10-26/2026-10-30, 2026-12-21/2027-01-07&apos;: what SH means in hours; schools without their own hours keep only the fritidshem open then (Mo-Fr 07:00-18:00), gymnasiums close, preschools stay open.</source>
        <translation>Datumintervall för skolloven, till exempel &apos;2026-10-26/2026-10-30, 2026-12-21/2027-01-07&apos;: det SH betyder i tider; skolor utan egna tider har då bara fritidshemmet öppet (Mo-Fr 07:00-18:00), gymnasier stänger, förskolor håller öppet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/overlap_parameters.py" line="236"/>
        <source>Date ranges of the terms, such as &apos;2026-08-17/2026-12-18, 2027-01-08/2027-06-11&apos;; outside them and the school holidays (the summer break) schools without their own hours are closed and preschools open. Empty: every day is a term day.</source>
        <translation>Datumintervall för terminerna, till exempel &apos;2026-08-17/2026-12-18, 2027-01-08/2027-06-11&apos;; utanför dem och skolloven (sommarlovet) är skolor utan egna tider stängda och förskolor öppna. Tomt: varje dag är en termindag.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="40"/>
        <source>Publish the lägesbild to a shared database</source>
        <translation>Publicera lägesbilden i en delad databas</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="43"/>
        <source>Writes the overlaps and the school summary of an analysis to two tables in a PostGIS schema (NAME_overlaps and NAME_summary) and adds a row to the run table drogscen_runs there: when, who, the sources and note, the counts and the plugin version. Everything happens in one transaction: partners who open the tables see the previous lägesbild until the new one is complete, never half of one. Republishing under the same name replaces it. The reader roles get read-only access (USAGE on the schema, SELECT on the tables).</source>
        <translation>Skriver en analys överlapp och skolsammanställning till två tabeller i ett PostGIS-schema (NAME_overlaps och NAME_summary) och lägger till en rad i körningstabellen drogscen_runs där: när, vem, källorna och anteckningen, antalen och insticksprogrammets version. Allt sker i en transaktion: samarbetspartner som öppnar tabellerna ser den förra lägesbilden tills den nya är komplett, aldrig en halv. Att publicera igen under samma namn ersätter den. Läsrollerna får endast läsrätt (USAGE på schemat, SELECT på tabellerna).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="58"/>
        <source>The Overlaps output of the analysis.</source>
        <translation>Analysens utdata Överlapp.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="64"/>
        <source>The School summary output of the analysis.</source>
        <translation>Analysens utdata Skolsammanställning.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="68"/>
        <source>Database connection</source>
        <translation>Databasanslutning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="70"/>
        <source>The saved PostgreSQL connection of the shared database.</source>
        <translation>Den sparade PostgreSQL-anslutningen till den delade databasen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="74"/>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="76"/>
        <source>The schema that holds the shared lägesbild.</source>
        <translation>Schemat som rymmer den delade lägesbilden.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="80"/>
        <source>Table name prefix: letters, digits and underscores.</source>
        <translation>Prefix för tabellnamnen: bokstäver, siffror och understreck.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="83"/>
        <source>Reader roles</source>
        <translation>Läsroller</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="84"/>
        <source>Comma-separated database roles that may read the lägesbild.</source>
        <translation>Kommaseparerade databasroller som får läsa lägesbilden.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="87"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="88"/>
        <source>A note for the run table, such as the analysis settings.</source>
        <translation>En anteckning till körningstabellen, till exempel analysens inställningar.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="90"/>
        <source>Run id</source>
        <translation>Körnings-id</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="91"/>
        <source>Overlaps table</source>
        <translation>Tabell med överlapp</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="92"/>
        <source>Summary table</source>
        <translation>Tabell med sammanställning</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="102"/>
        <source>{parameter}: layer &apos;{layer}&apos; lacks the fields {fields}; is it an output of the analysis?</source>
        <translation>{parameter}: lagret &apos;{layer}&apos; saknar fälten {fields}; är det utdata från analysen?</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="116"/>
        <source>{parameter}: &apos;{name}&apos; is not a table name of letters, digits and underscores.</source>
        <translation>{parameter}: &apos;{name}&apos; är inte ett tabellnamn av bokstäver, siffror och understreck.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="128"/>
        <source>Publishing needs the Python module psycopg2.</source>
        <translation>Publiceringen kräver Python-modulen psycopg2.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="137"/>
        <source>{parameter}: no PostgreSQL connection &apos;{name}&apos;.</source>
        <translation>{parameter}: ingen PostgreSQL-anslutning &apos;{name}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="161"/>
        <source>Publishing failed, nothing was changed: {error}</source>
        <translation>Publiceringen misslyckades, inget ändrades: {error}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="166"/>
        <source>Publishing was canceled; nothing was changed.</source>
        <translation>Publiceringen avbröts; inget ändrades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/publish.py" line="169"/>
        <source>Published as {tables} (run {run}).</source>
        <translation>Publicerad som {tables} (körning {run}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="55"/>
        <source>Scene trend per year or quarter</source>
        <translation>Utveckling av drogscener per år eller kvartal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="58"/>
        <source>How many open drug scenes there were per year or quarter, from the scenes&apos; first seen and closed dates: active (open at the end of the period; for the current period, on the report date), opened and closed in the period. The periods run from the first first-seen date to the report date.

The output table has one row per period for the whole layer (district empty) and, when districts are given, one row per district and period; a scene counts in the district holding its representative point. Scenes without a first seen date are left out and counted; unreadable dates are reported with the feature id.</source>
        <translation>Hur många öppna drogscener det fanns per år eller kvartal, utifrån drogscenernas datum för första observation och stängning: aktiva (öppna vid periodens slut; för den pågående perioden på rapportdatumet), nya och stängda under perioden. Perioderna löper från det tidigaste datumet för första observation till rapportdatumet.

Utdatatabellen har en rad per period för hela lagret (stadsdel tom) och, när stadsdelar anges, en rad per stadsdel och period; en drogscen räknas i den stadsdel som innehåller dess representativa punkt. Drogscener utan datum för första observation utelämnas och räknas; datum som inte kan läsas rapporteras med objekt-id.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="74"/>
        <source>Scenes with a first seen date and, when closed, a closed date.</source>
        <translation>Drogscener med ett datum för första observation och, när de är stängda, ett stängningsdatum.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="96"/>
        <source>Per</source>
        <translation>Per</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="97"/>
        <source>Count per year, per quarter or per term (VT: January to June, HT: July to December).</source>
        <translation>Räkna per år, per kvartal eller per termin (VT: januari till juni, HT: juli till december).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="106"/>
        <source>Polygons of districts: adds rows per district.</source>
        <translation>Polygoner för stadsdelar: lägger till rader per stadsdel.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="121"/>
        <source>Scene trend</source>
        <translation>Utveckling av drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="123"/>
        <source>One row per period (and district): active, opened and closed scenes.</source>
        <translation>En rad per period (och stadsdel): aktiva, nya och stängda drogscener.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="126"/>
        <source>Scenes without a first seen date</source>
        <translation>Drogscener utan datum för första observation</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="153"/>
        <source>{count} scenes without a first seen date are left out.</source>
        <translation>{count} drogscener utan datum för första observation utelämnas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/processing/scene_trend.py" line="180"/>
        <source>The trend was canceled.</source>
        <translation>Utvecklingsberäkningen avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="25"/>
        <source>no valid CRS given.</source>
        <translation>inget giltigt koordinatsystem angivet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="30"/>
        <source>{crs} does not measure in metres: choose a projected CRS such as EPSG:3006 (SWEREF 99 TM).</source>
        <translation>{crs} mäter inte i meter: välj ett projicerat koordinatsystem som EPSG:3006 (SWEREF 99 TM).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="43"/>
        <source>Layer &apos;{layer}&apos; has geometry type {found}: {expected} expected.</source>
        <translation>Lagret &apos;{layer}&apos; har geometritypen {found}: {expected} förväntades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="53"/>
        <source>polygons</source>
        <translation>polygoner</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="53"/>
        <source>points or polygons</source>
        <translation>punkter eller polygoner</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="110"/>
        <source>Layer &apos;{layer}&apos;: field &apos;{field}&apos; holds {kind}, not text; choose a text field.</source>
        <translation>Lager &apos;{layer}&apos;: fältet &apos;{field}&apos; innehåller {kind}, inte text; välj ett textfält.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/checks.py" line="120"/>
        <source>Layer &apos;{layer}&apos;: field &apos;{field}&apos; holds {kind}, not distances in metres; choose a field of numbers.</source>
        <translation>Lager &apos;{layer}&apos;: fältet &apos;{field}&apos; innehåller {kind}, inte avstånd i meter; välj ett fält med tal.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="63"/>
        <source>Hours &apos;{hours}&apos;: {message}</source>
        <translation>Tiderna &apos;{hours}&apos;: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="96"/>
        <source>&apos;{value}&apos; is not a date and time.</source>
        <translation>&apos;{value}&apos; är inte ett datum och en tid.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="149"/>
        <source>Syntax</source>
        <translation>Syntax</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="151"/>
        <source>Arguments</source>
        <translation>Argument</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="153"/>
        <source>Examples</source>
        <translation>Exempel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="161"/>
        <source>weekly hours in opening_hours syntax, for example &apos;Mo-Fr 22:00-03:00&apos; (Swedish day names and whole hours such as &apos;Må-Fr 22-03&apos; are read too)</source>
        <translation>tider i veckan i opening_hours-syntax, till exempel &apos;Mo-Fr 22:00-03:00&apos; (svenska dagnamn och hela timmar som &apos;Må-Fr 22-03&apos; läses också)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="171"/>
        <source>hours in opening_hours syntax, dated ones too, for example &apos;Mo-Fr 22:00-03:00; Jul off&apos; or &apos;Mo-Fr 08:00-16:00; PH off; SH 10:00-14:00&apos;</source>
        <translation>tider i opening_hours-syntax, även daterade, till exempel &apos;Mo-Fr 22:00-03:00; Jul off&apos; eller &apos;Mo-Fr 08:00-16:00; PH off; SH 10:00-14:00&apos;</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="180"/>
        <source>Returns true when the hours are active at a date and time, false when not. Dates count: public holidays (PH), dated rules such as &apos;Jul off&apos;, and the school holidays (SH) of the school calendar the dock keeps in the project. Empty hours give NULL; hours that cannot be read give an evaluation error with the parser&apos;s message.</source>
        <translation>Returnerar sant när tiderna är aktiva vid ett datum och en tid, falskt annars. Datum räknas: helgdagar (PH), daterade regler som &apos;Jul off&apos; och skolloven (SH) i den skolkalender som panelen sparar i projektet. Tomma tider ger NULL; tider som inte kan tolkas ger ett beräkningsfel med tolkarens meddelande.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="190"/>
        <source>a date and time, such as @map_start_time</source>
        <translation>ett datum och en tid, till exempel @map_start_time</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="200"/>
        <source>whether the scene is active at the start of the map&apos;s time range</source>
        <translation>om drogscenen är aktiv i början av kartans tidsintervall</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="208"/>
        <source>Returns the minutes per week during which both hours are active. Empty hours give NULL; hours that cannot be read give an evaluation error.</source>
        <translation>Returnerar antalet minuter per vecka då båda tiderna är aktiva. Tomma tider ger NULL; tider som inte kan tolkas ger ett beräkningsfel.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="222"/>
        <source>Returns the hours in canonical opening_hours form, or NULL when they are empty or cannot be read. Hours that read the calendar (dates, PH, SH) are returned as given.</source>
        <translation>Returnerar tiderna i kanonisk opening_hours-form, eller NULL när de är tomma eller inte kan tolkas. Tider som följer kalendern (datum, PH, SH) returneras som de skrevs.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="238"/>
        <source>Returns true when the hours can be read (dated hours too). When they cannot, the evaluation fails with the parser&apos;s message saying what is wrong and where, so a field constraint using this function shows that message in the form. Empty hours give NULL.</source>
        <translation>Returnerar sant när tiderna kan tolkas (även daterade tider). När de inte kan det misslyckas beräkningen med tolkarens meddelande om vad som är fel och var, så att en fältbegränsning som använder funktionen visar meddelandet i formuläret. Tomma tider ger NULL.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="251"/>
        <source>a constraint that refuses unreadable hours</source>
        <translation>en begränsning som inte godtar tider som inte kan tolkas</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="259"/>
        <source>Returns true when a school type names a preschool, as the analysis reads it: values containing &apos;förskola&apos;, &apos;pedagogisk omsorg&apos;, &apos;preschool&apos; or &apos;kindergarten&apos;, among others, in any case.</source>
        <translation>Returnerar sant när en skolform betecknar en förskola, så som analysen läser den: bland annat värden som innehåller &apos;förskola&apos;, &apos;pedagogisk omsorg&apos;, &apos;preschool&apos; eller &apos;kindergarten&apos;, oavsett skiftläge.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/expressions.py" line="265"/>
        <source>the school type</source>
        <translation>skolformen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="45"/>
        <source>Id in the source</source>
        <translation>Id i källan</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="47"/>
        <source>Fetched at (UTC)</source>
        <translation>Hämtad (UTC)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/fetched_layer.py" line="94"/>
        <source>{source} {id} ({name}) cannot be transformed to {crs}: {message}</source>
        <translation>{source} {id} ({name}) kan inte transformeras till {crs}: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/geopackage.py" line="52"/>
        <source>Could not create layer &apos;{layer}&apos; in {path}: {message}</source>
        <translation>Kunde inte skapa lagret &apos;{layer}&apos; i {path}: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/geopackage.py" line="65"/>
        <source>The new layer &apos;{layer}&apos; in {path} could not be opened.</source>
        <translation>Det nya lagret &apos;{layer}&apos; i {path} kunde inte öppnas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/grid.py" line="81"/>
        <source>The data ({west:.2f}° to {east:.2f}° E, {south:.2f}° to {north:.2f}° N) lie outside the area of use of {crs}: distances and areas there may be a percent or more off. A CRS that fits the data: {fitting}.</source>
        <translation>Data ({west:.2f}° till {east:.2f}° O, {south:.2f}° till {north:.2f}° N) ligger utanför användningsområdet för {crs}: avstånd och ytor där kan bli en procent eller mer fel. Ett koordinatsystem som passar data: {fitting}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/hours_form.py" line="54"/>
        <source>For example {example}; empty when not known.</source>
        <translation>Till exempel {example}; tomt när tiderna inte är kända.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/hours_form.py" line="61"/>
        <source>Reads: {hours}</source>
        <translation>Läses: {hours}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/hours_form.py" line="74"/>
        <source>e.g. {example}</source>
        <translation>t.ex. {example}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="141"/>
        <source>Layer &apos;{layer}&apos; has no CRS: its coordinates are taken to be in {crs}.</source>
        <translation>Lagret &apos;{layer}&apos; saknar koordinatsystem: dess koordinater antas vara i {crs}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/layers.py" line="464"/>
        <source>Layer &apos;{layer}&apos;, feature {fid}, field &apos;{field}&apos;: {value!r} is not a distance in metres from 0 to {most:g}; the analysis distance is used.</source>
        <translation>Lager &apos;{layer}&apos;, objekt {fid}, fält &apos;{field}&apos;: {value!r} är inget avstånd i meter från 0 till {most:g}; analysens avstånd används.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="57"/>
        <source>{where}, field &apos;{field}&apos;: &apos;{hours}&apos;: {message}</source>
        <translation>{where}, fältet &apos;{field}&apos;: &apos;{hours}&apos;: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="65"/>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="108"/>
        <source>Overlaps feature {fid}</source>
        <translation>Överlapp, objekt {fid}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="93"/>
        <source>Layer &apos;{layer}&apos; has no field {fields}: is it {what}?</source>
        <translation>Lagret &apos;{layer}&apos; saknar fält: {fields}. Är det {what}?</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="102"/>
        <source>the Overlaps output of drogscen:overlap</source>
        <translation>utdata Överlapp från drogscen:overlap</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="139"/>
        <source>{where}, field &apos;{field}&apos;: &apos;{value}&apos; is not a date (YYYY-MM-DD).</source>
        <translation>{where}, fältet &apos;{field}&apos;: &apos;{value}&apos; är inte ett datum (ÅÅÅÅ-MM-DD).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="156"/>
        <source>a measures layer</source>
        <translation>ett lager med åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="160"/>
        <source>Layer &apos;{layer}&apos;, measure {fid}</source>
        <translation>Lagret &apos;{layer}&apos;, åtgärd {fid}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="177"/>
        <source>Layer &apos;{layer}&apos;: {message} The measure is left out.</source>
        <translation>Lagret &apos;{layer}&apos;: {message} Åtgärden utelämnas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="184"/>
        <source>{where}: a {kind} without hours covers nothing.</source>
        <translation>{where}: {kind} utan tider täcker ingenting.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="241"/>
        <source>Layer &apos;{layer}&apos;: {message}</source>
        <translation>Lagret &apos;{layer}&apos;: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_coverage.py" line="244"/>
        <source>the School summary output of drogscen:overlap</source>
        <translation>utdata Sammanställning per skola från drogscen:overlap</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="93"/>
        <source>Measure</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="96"/>
        <source>Hours in force</source>
        <translation>Tider då åtgärden gäller</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="97"/>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="98"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="58"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="99"/>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="100"/>
        <source>End date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="101"/>
        <source>Cost (SEK)</source>
        <translation>Kostnad (kr)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="102"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="62"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="109"/>
        <source>Measures: points (cameras, sensors)</source>
        <translation>Åtgärder: punkter (kameror, sensorer)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="110"/>
        <source>Measures: lines (fences, patrol routes)</source>
        <translation>Åtgärder: linjer (stängsel, rondvägar)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="111"/>
        <source>Measures: areas (lighting, clearing, yards)</source>
        <translation>Åtgärder: ytor (belysning, röjning, skolgårdar)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="130"/>
        <source>When the measure is in force, in opening_hours syntax, for example &apos;Mo-Fr 22:00-03:00&apos; or &apos;24/7&apos;; empty for a camera or sensor that is always on.</source>
        <translation>När åtgärden gäller, i opening_hours-syntax, till exempel &apos;Mo-Fr 22:00-03:00&apos; eller &apos;24/7&apos;; tomt för en kamera eller sensor som alltid är på.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="135"/>
        <source>The cost cannot be negative.</source>
        <translation>Kostnaden kan inte vara negativ.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="137"/>
        <source>The end date cannot be before the start date.</source>
        <translation>Slutdatumet kan inte ligga före startdatumet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="165"/>
        <source>No valid CRS given for the new measures layers.</source>
        <translation>Inget giltigt koordinatsystem angivet för de nya åtgärdslagren.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="171"/>
        <source>{path} already has a layer &apos;{layer}&apos;: choose another file or name; the existing layers are left as they are.</source>
        <translation>{path} har redan ett lager &apos;{layer}&apos;: välj en annan fil eller ett annat namn; de befintliga lagren lämnas orörda.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="184"/>
        <source>Drogscen safety measures</source>
        <translation>Drogscen: trygghetsåtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="188"/>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="130"/>
        <source>The style of the new layer &apos;{layer}&apos; could not be saved in {path}: {message}</source>
        <translation>Stilen för det nya lagret &apos;{layer}&apos; kunde inte sparas i {path}: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="228"/>
        <source>Layer &apos;{layer}&apos; cannot be edited.</source>
        <translation>Lagret &apos;{layer}&apos; kan inte redigeras.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="247"/>
        <source>Add {count} measures</source>
        <translation>Lägg till {count} åtgärder</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_layer.py" line="251"/>
        <source>The measures could not be added to layer &apos;{layer}&apos;.</source>
        <translation>Åtgärderna kunde inte läggas till i lagret &apos;{layer}&apos;.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_style.py" line="90"/>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="138"/>
        <source>The style {path} could not be read: {message}</source>
        <translation>Stilen {path} kunde inte läsas: {message}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/measures_style.py" line="91"/>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="139"/>
        <source>it has no symbols</source>
        <translation>den har inga symboler</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/mixed.py" line="36"/>
        <source>The schools are points and school grounds mixed in one layer: each was analysed by its own geometry; the summary shows the {count} school grounds as points within them, so that it holds one geometry type.</source>
        <translation>Skolorna är punkter och skolgårdar blandade i ett lager: var och en analyserades med sin egen geometri; sammanfattningen visar de {count} skolgårdarna som punkter inom dem, så att den har en geometrityp.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/period_coverage.py" line="19"/>
        <source>Layer &apos;{layer}&apos; has no field {fields}: is it the Overlaps output of drogscen:overlap?</source>
        <translation>Lagret &apos;{layer}&apos; har inget fält {fields}: är det utdata Överlapp från drogscen:overlap?</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/proxy.py" line="58"/>
        <source>The proxy&apos;s authentication configuration &apos;{id}&apos; (Settings › Options › Network, setting {key}) could not be read: it is not in QGIS&apos;s authentication database, it holds no user name and password, or the master password was not entered.</source>
        <translation>Proxyns autentiseringskonfiguration &apos;{id}&apos; (Inställningar › Alternativ › Nätverk, inställningen {key}) kunde inte läsas: den finns inte i QGIS autentiseringsdatabas, den innehåller inget användarnamn och lösenord, eller så angavs inte huvudlösenordet.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/proxy.py" line="102"/>
        <source>The CA bundle file &apos;{path}&apos; (setting {key}) does not exist. Point the setting at a PEM file with your organisation&apos;s root certificates, or clear it.</source>
        <translation>CA-paketfilen &apos;{path}&apos; (inställningen {key}) finns inte. Låt inställningen peka på en PEM-fil med organisationens rotcertifikat, eller töm den.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="23"/>
        <source>Scenes left out, as they did not exist from {start} to {end}: {count} (features {fids}).</source>
        <translation>Platser som utelämnats eftersom de inte fanns från {start} till {end}: {count} (objekt {fids}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="42"/>
        <source>Layer &apos;{layer}&apos;: invalid geometries repaired: {count} (feature ids {ids}).</source>
        <translation>Lagret &apos;{layer}&apos;: reparerade ogiltiga geometrier: {count} (objekt-id {ids}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="46"/>
        <source>Layer &apos;{layer}&apos;: features without geometry skipped: {count} (feature ids {ids}).</source>
        <translation>Lagret &apos;{layer}&apos;: överhoppade objekt utan geometri: {count} (objekt-id {ids}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="50"/>
        <source>Layer &apos;{layer}&apos;: features of another geometry type (such as lines) left out: {count} (feature ids {ids}); {expected} expected.</source>
        <translation>Lager &apos;{layer}&apos;: objekt av annan geometrityp (till exempel linjer) utelämnade: {count} (objekt-id {ids}); {expected} förväntades.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="57"/>
        <source>Layer &apos;{layer}&apos;: features without hours, treated as always active: {count} (feature ids {ids}).</source>
        <translation>Lagret &apos;{layer}&apos;: objekt utan tider, behandlade som alltid aktiva: {count} (objekt-id {ids}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="64"/>
        <source>Layer &apos;{layer}&apos;: features whose hours are valid but unlikely, used as given: {count} (feature ids {ids}; see hours_note).</source>
        <translation>Lager &apos;{layer}&apos;: objekt vars tider är giltiga men osannolika, använda som de är: {count} (objekt-id {ids}; se hours_note).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/reading_log.py" line="71"/>
        <source>Layer &apos;{layer}&apos;: features whose hours were not understood: {count} (see hours_note).</source>
        <translation>Lagret &apos;{layer}&apos;: objekt vars tider inte kunde tolkas: {count} (se hours_note).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_dates.py" line="40"/>
        <source>{value!r} is not a date (write 2026-08-17); counted as unknown</source>
        <translation>{value!r} är inget datum (skriv 2026-08-17); räknas som okänt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_dates.py" line="50"/>
        <source>{problem}; both dates count as unknown</source>
        <translation>{problem}; båda datumen räknas som okända</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="59"/>
        <source>First seen</source>
        <translation>Först observerad</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="60"/>
        <source>Closed on</source>
        <translation>Stängd den</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="70"/>
        <location filename="../drogscen_plugin/report/trend.py" line="54"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="71"/>
        <source>Reported, not confirmed</source>
        <translation>Rapporterad, inte bekräftad</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="72"/>
        <location filename="../drogscen_plugin/report/trend.py" line="54"/>
        <source>Closed</source>
        <translation>Stängd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="82"/>
        <source>Weekly hours in opening_hours syntax, for example &apos;Mo-Fr 22:00-03:00&apos; or &apos;24/7&apos;; empty when not known.</source>
        <translation>Tider i veckan i opening_hours-syntax, till exempel &apos;Mo-Fr 22:00-03:00&apos; eller &apos;24/7&apos;; tomt när de inte är kända.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="112"/>
        <source>No valid CRS given for the new scenes layer.</source>
        <translation>Inget giltigt koordinatsystem angivet för det nya lagret för drogscener.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="115"/>
        <source>{path} already has a layer &apos;{layer}&apos;: choose another name or file; the existing layer is left as it is.</source>
        <translation>{path} har redan ett lager &apos;{layer}&apos;: välj ett annat namn eller en annan fil; det befintliga lagret lämnas orört.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/scene_layer.py" line="126"/>
        <source>Drogscen scenes</source>
        <translation>Drogscen: drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="73"/>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="219"/>
        <location filename="../drogscen_plugin/qgis_io/time_styles.py" line="186"/>
        <source>Active at the chosen time</source>
        <translation>Aktiv vid vald tid</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="74"/>
        <source>Open scene</source>
        <translation>Öppen drogscen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="75"/>
        <source>Closed scene</source>
        <translation>Stängd drogscen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="76"/>
        <source>Concurrent: active while the school is open</source>
        <translation>Under verksamhetstid: aktiv medan skolan är öppen</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="79"/>
        <source>After hours: active while the school is closed</source>
        <translation>Utanför verksamhetstid: aktiv medan skolan är stängd</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="82"/>
        <source>Preschool</source>
        <translation>Förskola</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/qgis_io/styling.py" line="212"/>
        <source>The style of layer &apos;{layer}&apos; cannot be filtered by time.</source>
        <translation>Stilen för lagret &apos;{layer}&apos; kan inte filtreras efter tid.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="42"/>
        <source>Layer &apos;{layer}&apos; is not the {what} of drogscen:overlap: it has no field {fields}.</source>
        <translation>Lagret &apos;{layer}&apos; är inte utdata {what} från drogscen:overlap: det saknar fält: {fields}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="89"/>
        <source>Layer &apos;{layer}&apos; has no field &apos;{field}&apos;: those dates count as unknown.</source>
        <translation>Lagret &apos;{layer}&apos; saknar fältet &apos;{field}&apos;: de datumen räknas som okända.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="116"/>
        <source>Scene {fid}: {field} &apos;{value}&apos; is not a date (YYYY-MM-DD); counted as unknown.</source>
        <translation>Drogscen {fid}: {field} &apos;{value}&apos; är inte ett datum (ÅÅÅÅ-MM-DD); räknas som okänt.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="125"/>
        <source>Scene {fid}: {problem}; its first seen date counts as unknown.</source>
        <translation>Drogscen {fid}: {problem}; dess datum för första observation räknas som okänt.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="152"/>
        <source>District {fid}</source>
        <translation>Stadsdel {fid}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="224"/>
        <source>Coverage by {count} measures in force: {uncovered} of {needed} h/week uncovered</source>
        <translation>Täckning med {count} gällande åtgärder: {uncovered} av {needed} h/vecka otäckta</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="234"/>
        <source>; yard round missing on {days}</source>
        <translation>; rondering saknas {days}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/data.py" line="236"/>
        <source>; yard rounds covered</source>
        <translation>; ronderingar täckta</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="26"/>
        <source>Cannot write {path}: the file may be open in another program (locked), the folder may be read-only or missing, or the disk may be full.</source>
        <translation>Kan inte skriva {path}: filen kan vara öppen i ett annat program (låst), mappen kan vara skrivskyddad eller saknas, eller disken kan vara full.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="30"/>
        <source>Not enough memory to render the report to {path}: close other programs or choose A4.</source>
        <translation>Inte tillräckligt med minne för att rendera rapporten till {path}: stäng andra program eller välj A4.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="33"/>
        <source>The PDF writer could not start for {path}.</source>
        <translation>PDF-skrivaren kunde inte starta för {path}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="34"/>
        <source>The school pages could not be prepared (atlas error) for {path}.</source>
        <translation>Skolsidorna kunde inte förberedas (fel i atlasen) för {path}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="37"/>
        <source>A layer could not be written to {path}.</source>
        <translation>Ett lager kunde inte skrivas till {path}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="38"/>
        <source>The export of {path} was canceled.</source>
        <translation>Exporten av {path} avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="40"/>
        <source>Exporting {path} failed (code {code}).</source>
        <translation>Exporten av {path} misslyckades (kod {code}).</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="49"/>
        <source>Cannot write {path}: the folder {folder} does not exist.</source>
        <translation>Kan inte skriva {path}: mappen {folder} finns inte.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="54"/>
        <source>Cannot write {path}: it is a folder.</source>
        <translation>Kan inte skriva {path}: det är en mapp.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="63"/>
        <source>Cannot write {path}: the file is read-only or open in another program (locked). Close it and try again.</source>
        <translation>Kan inte skriva {path}: filen är skrivskyddad eller öppen i ett annat program (låst). Stäng den och försök igen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="69"/>
        <source>Cannot write {path}: no permission to write in {folder}.</source>
        <translation>Kan inte skriva {path}: behörighet saknas att skriva i {folder}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="75"/>
        <source>Cannot write {path}: {reason}.</source>
        <translation>Kan inte skriva {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/export.py" line="82"/>
        <source>Cannot write {path}: the disk is full.</source>
        <translation>Kan inte skriva {path}: disken är full.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/layout.py" line="56"/>
        <source>The layout template {path} cannot be read: {reason}</source>
        <translation>Layoutmallen {path} kan inte läsas: {reason}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/layout.py" line="62"/>
        <source>The layout template {path} is not a QGIS layout template.</source>
        <translation>Layoutmallen {path} är ingen QGIS-layoutmall.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/layout.py" line="116"/>
        <source>SENSITIVE – for the municipality&apos;s safety work only. Do not distribute.</source>
        <translation>KÄNSLIGT – endast för kommunens trygghetsarbete. Får inte spridas.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/layout.py" line="124"/>
        <source>{title} · {date} · page {page} of {pages}</source>
        <translation>{title} · {date} · sida {page} av {pages}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/map_layers.py" line="216"/>
        <source>Scenes within the distance</source>
        <translation>Drogscener inom avståndet</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/map_layers.py" line="220"/>
        <source>Distance {distance} m around schools</source>
        <translation>Avstånd {distance} m runt skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/map_layers.py" line="242"/>
        <source>Distance around schools</source>
        <translation>Avstånd runt skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="29"/>
        <source>{period} · report date {date} · {parameters}</source>
        <translation>{period} · rapportdatum {date} · {parameters}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="42"/>
        <source>{affected} of {total} schools and preschools have a scene within {distance} m</source>
        <translation>{affected} av {total} skolor och förskolor har en drogscen inom {distance} m</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="101"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="333"/>
        <source>While open h/week</source>
        <translation>Öppet h/vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="102"/>
        <location filename="../drogscen_plugin/report/school_pages.py" line="334"/>
        <source>While closed h/week</source>
        <translation>Stängt h/vecka</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="103"/>
        <source>Page</source>
        <translation>Sida</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="131"/>
        <source>… and {count} more: see their pages</source>
        <translation>… och {count} till: se deras sidor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/overview.py" line="140"/>
        <source>Hours a week a scene within the distance is active while the school is open and while it is closed. Schools with a scene active while open come first; on the map, each has its page number.</source>
        <translation>Timmar per vecka som en drogscen inom avståndet är aktiv när skolan är öppen och när den är stängd. Skolor med drogscen aktiv under öppettid först; på kartan står skolans sidnummer.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="110"/>
        <source>{type} · scenes within {distance} m: {count} · worst conflict: {conflict} · nearest scene {nearest} m · report date {date}</source>
        <translation>{type} · drogscener inom {distance} m: {count} · värsta konflikt: {conflict} · närmaste drogscen {nearest} m · rapportdatum {date}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="123"/>
        <source>Note: </source>
        <translation>Obs: </translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="132"/>
        <source>Opening hours: {hours}</source>
        <translation>Öppettider: {hours}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="145"/>
        <source>Adult presence on the yard (scene active while open): {hours}</source>
        <translation>Vuxennärvaro på skolgården (drogscen aktiv under verksamhetstid): {hours}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="148"/>
        <source>Sensors and cameras linked to guards (scene active while closed): {hours}</source>
        <translation>Sensorer och kameror kopplade till väktare (drogscen aktiv utanför verksamhetstid): {hours}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="151"/>
        <source>Yard round before opening: {days}</source>
        <translation>Rondering av skolgården före öppning: {days}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="158"/>
        <source>Scenes within {distance} m</source>
        <translation>Drogscener inom {distance} m</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="165"/>
        <source>before</source>
        <translation>före</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="171"/>
        <source>{count} times in the period, before {time} (the dates are in the outputs&apos; round_days)</source>
        <translation>{count} gånger i perioden, före {time} (datumen finns i utdatas round_days)</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="216"/>
        <source>Week chart: {school}</source>
        <translation>Veckodiagram: {school}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="219"/>
        <source>Week chart: {school}, week of {monday}</source>
        <translation>Veckodiagram: {school}, veckan från {monday}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="259"/>
        <source>Day by hour, {dates}</source>
        <translation>Dygnet timme för timme, {dates}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/school_pages.py" line="289"/>
        <source>The report was canceled.</source>
        <translation>Rapporten avbröts.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="41"/>
        <source>Paper must be one of {papers}, not {paper}.</source>
        <translation>Pappersformatet måste vara ett av {papers}, inte {paper}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="47"/>
        <source>Period must be year, quarter or term, not {period}.</source>
        <translation>Perioden måste vara year, quarter eller term, inte {period}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="75"/>
        <source>Situation report: open drug scenes near schools</source>
        <translation>Lägesbild: öppna drogscener nära skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="88"/>
        <source>{title} – overview</source>
        <translation>{title} – översikt</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="96"/>
        <source>{title} – schools</source>
        <translation>{title} – skolor</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/situation_report.py" line="133"/>
        <source>Situation report layers</source>
        <translation>Lager för lägesbild</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="14"/>
        <source>year</source>
        <translation>år</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="14"/>
        <source>quarter</source>
        <translation>kvartal</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="14"/>
        <source>term</source>
        <translation>termin</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="17"/>
        <source>Trend and districts</source>
        <translation>Utveckling och stadsdelar</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="21"/>
        <source>Open drug scenes per {period} from the scenes&apos; first seen and closed dates. Active: open at the end of the {period}, for the current one on {date}.</source>
        <translation>Öppna drogscener per {period} utifrån drogscenernas datum för första observation och stängning. Aktiva: öppna vid slutet av {period}et, för det pågående den {date}.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="29"/>
        <source>No districts layer was given.</source>
        <translation>Inget lager med stadsdelar angavs.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="32"/>
        <source>Active scenes: open on {date}. Affected schools: with a scene within {distance} m. Conflicts while open: school and scene pairs where the scene is active while the school is open. Each school and scene counts in the district holding it.</source>
        <translation>Aktiva drogscener: öppna den {date}. Berörda skolor: med en drogscen inom {distance} m. Konflikter under verksamhetstid: par av skola och drogscen där drogscenen är aktiv medan skolan är öppen. Varje skola och drogscen räknas i den stadsdel där den ligger.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="54"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="54"/>
        <source>Opened</source>
        <translation>Ny</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="76"/>
        <source>The table shows the latest {shown} of {count} periods, the chart all of them.</source>
        <translation>Tabellen visar de senaste {shown} av {count} perioder, diagrammet alla.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="84"/>
        <source>Open drug scenes per {period}</source>
        <translation>Öppna drogscener per {period}</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="90"/>
        <source>No scenes layer was given: no trend.</source>
        <translation>Inget lager med drogscener angavs: ingen utveckling.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="94"/>
        <source>No scene has a first seen date: no trend.</source>
        <translation>Ingen drogscen har ett datum för första observation: ingen utveckling.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="97"/>
        <source>{count} scenes without a first seen date are not in the trend.</source>
        <translation>{count} drogscener utan datum för första observation ingår inte i utvecklingen.</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="114"/>
        <source>District</source>
        <translation>Stadsdel</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="115"/>
        <source>Active scenes</source>
        <translation>Aktiva drogscener</translation>
    </message>
    <message>
        <location filename="../drogscen_plugin/report/trend.py" line="117"/>
        <source>Conflicts while open</source>
        <translation>Konflikter under verksamhetstid</translation>
    </message>
    <message>
        <source>&apos;;&apos; or &apos;, &apos; between rules</source>
        <translation type="vanished">&apos;;&apos; eller &apos;, &apos; mellan regler</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not valid opening hours: {message}</source>
        <translation type="vanished">&apos;{text}&apos; är inte giltiga öppettider: {message}</translation>
    </message>
    <message>
        <source>--out: must not be an input file: {path}</source>
        <translation type="vanished">--out: får inte vara en indatafil: {path}</translation>
    </message>
    <message>
        <source>--report: must not be an input file: {path}</source>
        <translation type="vanished">--report: får inte vara en indatafil: {path}</translation>
    </message>
    <message>
        <source>A situation report (lägesbild) of an analysis run, as one PDF and as two print layouts in the project&apos;s layout manager.

The overview page has the map with scenes, buffers, overlaps and schools, the parameters, a table of the affected schools and the data sources. A second page, when scenes or districts are given, shows the trend of scenes per year or quarter (from first_seen and closed_on) and a table per district. Then one page per affected school: its map, a week chart of its opening hours and the scenes&apos; active hours, and the measures (adult presence, guards, the yard round).

The PDF has 1 page, plus 1 for trend and districts when scenes or districts are given, plus 1 per affected school.

The layers do not record the analysis parameters: give the distance and default hours used, for the parameters line, the buffers and the week charts. With the schools layer, each school&apos;s own hours are shown; without it, the defaults of its type.

With measures layers, each school page also shows how far the measures in force on the report date cover its needs (as drogscen:measurecoverage with the school summary and the distance).</source>
        <translation type="vanished">En lägesbild av en analyskörning, som en PDF och som två utskriftslayouter i projektets layouthanterare.

Översiktssidan har kartan med drogscener, buffertzoner, överlapp och skolor, parametrarna, en tabell över de berörda skolorna och datakällorna. En andra sida, när drogscener eller stadsdelar anges, visar utvecklingen av drogscener per år eller kvartal (från first_seen och closed_on) och en tabell per stadsdel. Sedan en sida per berörd skola: dess karta, ett veckodiagram med skolans öppettider och drogscenernas aktiva tider, och åtgärderna (vuxennärvaro, väktare, rondering av skolgården).

PDF:en har 1 sida, plus 1 för utveckling och stadsdelar när drogscener eller stadsdelar anges, plus 1 per berörd skola.

Lagren innehåller inte analysens parametrar: ange avståndet och standardtiderna som användes, för parameterraden, buffertzonerna och veckodiagrammen. Med skollagret visas varje skolas egna tider; utan det standardtiderna för dess skolform.

Med lager med åtgärder visar varje skolsida också hur väl de åtgärder som gäller på rapportdatumet täcker skolans behov (som drogscen:measurecoverage med sammanställningen per skola och avståndet).</translation>
    </message>
    <message>
        <source>After hours</source>
        <translation type="vanished">Stängt</translation>
    </message>
    <message>
        <source>Asking {url} for the school units of municipality {code}, one request per unit…</source>
        <translation type="vanished">Frågar {url} om skolenheterna i kommun {code}, en förfrågan per enhet…</translation>
    </message>
    <message>
        <source>Calendar selectors such as {word!r} (column {column}) are not supported: the hours describe one recurring week</source>
        <translation type="vanished">Kalenderval som {word!r} (position {column}) stöds inte: tiderna beskriver en återkommande vecka</translation>
    </message>
    <message>
        <source>Compares each affected school&apos;s needs, from the Overlaps output of the overlap analysis, with the safety measures in force there.

Adult presence hours are covered by adult presence measures; guard hours by cameras, sensors and guard patrols; a yard round is needed on each day the school opens after scene activity, and a yard round measure covers it when its hours include a time that day before the opening, while the school is still closed. Other measures (lighting, fencing...) cover no hours.

A measure counts for a school when its &apos;school&apos; field names it, or, with the School summary, when it lies within the distance of the school. It is in force when its status is ongoing or done (or planned, when planned measures are included), it has started by the date and not ended before it. Cameras and sensors without hours are always on.

The output has one row per affected school: the minutes per week needed and uncovered, the uncovered hours, and the days a yard round is missing. Measures that cannot be read are left out and reported.</source>
        <translation type="vanished">Jämför varje berörd skolas behov, från utdata Överlapp i överlappsanalysen, med de trygghetsåtgärder som gäller där.

Tider för vuxennärvaro täcks av åtgärder med vuxennärvaro; väktartider av kameror, sensorer och väktarronder; rondering av skolgården behövs varje dag då skolan öppnar efter aktivitet på drogscenen, och en ronderingsåtgärd täcker den när dess tider omfattar en tid den dagen före öppning, medan skolan fortfarande är stängd. Övriga åtgärder (belysning, stängsel …) täcker inga tider.

En åtgärd räknas för en skola när dess fält &apos;school&apos; anger skolan, eller, med Sammanställning per skola, när den ligger inom skolans avstånd. Den gäller när dess status är pågående eller genomförd (eller planerad, när planerade åtgärder tas med), den har startat senast datumet och inte slutat före det. Kameror och sensorer utan tider är alltid på.

Utdata har en rad per berörd skola: minuter per vecka som behövs och som är otäckta, de otäckta tiderna och de dagar då rondering saknas. Åtgärder som inte kan läsas utelämnas och rapporteras.</translation>
    </message>
    <message>
        <source>Concurrent</source>
        <translation type="vanished">Öppet</translation>
    </message>
    <message>
        <source>Count per year or per quarter.</source>
        <translation type="vanished">Räkna per år eller per kvartal.</translation>
    </message>
    <message>
        <source>Count the scenes per year or per quarter.</source>
        <translation type="vanished">Räkna drogscenerna per år eller per kvartal.</translation>
    </message>
    <message>
        <source>Default preschool hours used</source>
        <translation type="vanished">Använda standardtider för förskolor</translation>
    </message>
    <message>
        <source>Default school hours used</source>
        <translation type="vanished">Använda standardtider för skolor</translation>
    </message>
    <message>
        <source>Distance {distance} m · default opening hours: schools {school}, preschools {preschool}</source>
        <translation type="vanished">Avstånd {distance} m · standardöppettider: skolor {school}, förskolor {preschool}</translation>
    </message>
    <message>
        <source>Field of the scenes and schools naming where the data come from; OpenStreetMap sources get the OpenStreetMap attribution.</source>
        <translation type="vanished">Fält i drogscenerna och skolorna som anger var uppgifterna kommer ifrån; källor från OpenStreetMap får OpenStreetMaps upphovsangivelse.</translation>
    </message>
    <message>
        <source>Field with the school&apos;s opening hours; empty values take the defaults below.</source>
        <translation type="vanished">Fält med skolans öppettider; tomma värden får standardtiderna nedan.</translation>
    </message>
    <message>
        <source>Hours a week that a scene within the distance is active while the school is open and while it is closed. Schools with a scene active while open come first; every school has a page of its own.</source>
        <translation type="vanished">Timmar i veckan som en drogscen inom avståndet är aktiv medan skolan är öppen och medan den är stängd. Skolor med en drogscen som är aktiv under verksamhetstid kommer först; varje skola har en egen sida.</translation>
    </message>
    <message>
        <source>Loads schools and preschools for an extent or a municipality from open data, with the fields the overlap analysis reads: name, type (förskola, grundskola, gymnasieskola, skola when the level is not known, annan), opening_hours when the source has them, source_id, source and fetched_at.

OpenStreetMap (Overpass API): schools and preschools, school grounds as polygons where they are mapped, and the opening_hours tag. Data © OpenStreetMap contributors, ODbL: credit OpenStreetMap wherever you show or share it.

Skolverket (Skolenhetsregistret): the active school units of a municipality, as points. It has no preschools and no opening hours, and it costs one request per school unit.

A layer holds one geometry type, so schools mapped as points go to the first output and school grounds to the second; run the overlap analysis on each.

Only the extent or the municipality code is sent to the source. The proxy set in QGIS (Settings › Options › Network) is used.</source>
        <translation type="vanished">Hämtar skolor och förskolor för en utbredning eller en kommun från öppna data, med fälten som överlappsanalysen läser: name, type (förskola, grundskola, gymnasieskola, skola när skolformen inte är känd, annan), opening_hours när källan har dem, source_id, source och fetched_at.

OpenStreetMap (Overpass API): skolor och förskolor, skolgårdar som polygoner där de är karterade, och taggen opening_hours. Data © OpenStreetMaps bidragsgivare, ODbL: ange OpenStreetMap som källa överallt där du visar eller delar dem.

Skolverket (Skolenhetsregistret): en kommuns aktiva skolenheter, som punkter. Registret har inga förskolor och inga öppettider, och det kostar en förfrågan per skolenhet.

Ett lager rymmer en geometrityp, så skolor som är karterade som punkter hamnar i den första utdatan och skolgårdar i den andra; kör överlappsanalysen på båda.

Bara utbredningen eller kommunkoden skickas till källan. Proxyn som är inställd i QGIS (Inställningar › Alternativ › Nätverk) används.</translation>
    </message>
    <message>
        <source>One feature per school with the totals over its scenes.</source>
        <translation type="vanished">Ett objekt per skola med summorna över dess drogscener.</translation>
    </message>
    <message>
        <source>Period must be year or quarter, not {period}.</source>
        <translation type="vanished">Perioden måste vara year eller quarter, inte {period}.</translation>
    </message>
    <message>
        <source>Points, or polygons of school grounds (buffered from their boundary).</source>
        <translation type="vanished">Punkter, eller polygoner för skolgårdar (buffras från sin gräns).</translation>
    </message>
    <message>
        <source>Reads a field of opening_hours text the way the overlap analysis does. The output is the input layer with three more fields: hours_valid (true when the hours were understood, false when not, empty when there are none), hours_message (what is wrong, and where) and hours_canonical (the hours in canonical opening_hours form). Each value that cannot be read is also reported in the log with its feature id, followed by the counts.</source>
        <translation type="vanished">Läser ett fält med opening_hours-text på samma sätt som överlappsanalysen. Utdata är indatalagret med tre fält till: hours_valid (sant när tiderna kunde tolkas, falskt när de inte kunde det, tomt när det inte finns några), hours_message (vad som är fel, och var) och hours_canonical (tiderna i kanonisk opening_hours-form). Varje värde som inte kan tolkas rapporteras också i loggen med sitt objekt-id, följt av antalen.</translation>
    </message>
    <message>
        <source>Report date {date} · {parameters}</source>
        <translation type="vanished">Rapportdatum {date} · {parameters}</translation>
    </message>
    <message>
        <source>Returns the hours in canonical opening_hours form, or NULL when they are empty or cannot be read.</source>
        <translation type="vanished">Returnerar tiderna i kanonisk opening_hours-form, eller NULL när de är tomma eller inte kan tolkas.</translation>
    </message>
    <message>
        <source>Returns true when the hours are active at the weekday and time of a date and time, false when not. Empty hours give NULL; hours that cannot be read give an evaluation error with the parser&apos;s message.</source>
        <translation type="vanished">Returnerar sant när tiderna är aktiva på veckodagen och klockslaget för ett datum och en tid, annars falskt. Tomma tider ger NULL; tider som inte kan tolkas ger ett beräkningsfel med tolkarens meddelande.</translation>
    </message>
    <message>
        <source>Returns true when the hours can be read. When they cannot, the evaluation fails with the parser&apos;s message saying what is wrong and where, so a field constraint using this function shows that message in the form. Empty hours give NULL.</source>
        <translation type="vanished">Returnerar sant när tiderna kan tolkas. När de inte kan det misslyckas beräkningen med tolkarens meddelande om vad som är fel och var, så att en fältbegränsning som använder funktionen visar meddelandet i formuläret. Tomma tider ger NULL.</translation>
    </message>
    <message>
        <source>Scene {fid} ({name}) was closed on {date} but is part of the analysis.</source>
        <translation type="vanished">Drogscen {fid} ({name}) stängdes {date} men ingår i analysen.</translation>
    </message>
    <message>
        <source>School unit {code} ({name}): {message}</source>
        <translation type="vanished">Skolenhet {code} ({name}): {message}</translation>
    </message>
    <message>
        <source>Show the current weekday and time</source>
        <translation type="vanished">Visa aktuell veckodag och tid</translation>
    </message>
    <message>
        <source>The area within the distance of each school or preschool, exactly as the overlap analysis draws it: from a point, or outward from the boundary of school grounds. Each buffer keeps the school&apos;s attributes and gets the field distance_m with the distance used.</source>
        <translation type="vanished">Området inom avståndet från varje skola och förskola, precis som överlappsanalysen ritar det: från en punkt, eller utåt från skolgårdens gräns. Varje buffertzon behåller skolans attribut och får fältet distance_m med det avstånd som användes.</translation>
    </message>
    <message>
        <source>The default preschool hours of the analysis run.</source>
        <translation type="vanished">Analyskörningens standardtider för förskolor.</translation>
    </message>
    <message>
        <source>The default school hours of the analysis run.</source>
        <translation type="vanished">Analyskörningens standardtider för skolor.</translation>
    </message>
    <message>
        <source>The distance of the analysis run, in metres: shown in the parameters and drawn as the buffers.</source>
        <translation type="vanished">Analyskörningens avstånd i meter: visas bland parametrarna och ritas som buffertzonerna.</translation>
    </message>
    <message>
        <source>The schools layer analysed (the summary&apos;s school_fid are its feature ids): each school&apos;s own opening hours for its page.</source>
        <translation type="vanished">Det analyserade skollagret (sammanställningens school_fid är dess objekt-id): varje skolas egna öppettider för dess sida.</translation>
    </message>
    <message>
        <source>Time of week</source>
        <translation type="vanished">Tid i veckan</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation type="vanished">Veckodag</translation>
    </message>
    <message>
        <source>a date and time; only its weekday and time of day count</source>
        <translation type="vanished">ett datum och en tid; bara veckodagen och klockslaget räknas</translation>
    </message>
    <message>
        <source>a public holiday</source>
        <translation type="vanished">en helgdag</translation>
    </message>
    <message>
        <source>a school holiday</source>
        <translation type="vanished">ett skollov</translation>
    </message>
    <message>
        <source>a weekday, a time span, &apos;24/7&apos; or &apos;off&apos;</source>
        <translation type="vanished">en veckodag, ett tidsintervall, &apos;24/7&apos; eller &apos;off&apos;</translation>
    </message>
    <message>
        <source>outside the terms</source>
        <translation type="vanished">utanför terminerna</translation>
    </message>
    <message>
        <source>the database computes one ordinary week, and {reason}</source>
        <translation type="vanished">databasen beräknar en vanlig vecka, och {reason}</translation>
    </message>
    <message>
        <source>the hours &apos;{hours}&apos; are not the same in the week before</source>
        <translation type="vanished">tiderna &apos;{hours}&apos; är inte desamma veckan före</translation>
    </message>
    <message>
        <source>the period {start} to {end} is not one Monday-to-Sunday week</source>
        <translation type="vanished">perioden {start} till {end} är inte en vecka måndag–söndag</translation>
    </message>
    <message>
        <source>the scenes&apos; dates ({fields}) are used</source>
        <translation type="vanished">platsernas datum ({fields}) används</translation>
    </message>
    <message>
        <source>{count} points lie within the grounds of the same school and were merged into them: {ids}.</source>
        <translation type="vanished">{count} punkter ligger inom samma skolas skolgård och slogs ihop med den: {ids}.</translation>
    </message>
    <message>
        <source>{day} is {kind}</source>
        <translation type="vanished">{day} är {kind}</translation>
    </message>
    <message>
        <source>{school}: the opening hours {hours} do not give the analysis&apos;s results; the week chart&apos;s red and amber bars follow the analysis. Give the schools layer and the default hours the analysis used.</source>
        <translation type="vanished">{school}: öppettiderna {hours} ger inte analysens resultat; veckodiagrammets röda och gula staplar följer analysen. Ange skollagret och de standardtider som analysen använde.</translation>
    </message>
</context>
</TS>
