"""The Processing provider "drogscen" and its algorithms."""
