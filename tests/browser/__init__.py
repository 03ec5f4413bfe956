"""Tests in a real browser. A package so that this folder's conftest.py does not take the name `conftest` from
tests/conftest.py, which the other layers import (`from conftest import REPO`)."""
