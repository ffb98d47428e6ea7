"""Trained models shipped with the package, each with the script that retrains it bit for bit."""
