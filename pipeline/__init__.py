"""Directive → task pipeline for Vietnamese provincial offices."""
