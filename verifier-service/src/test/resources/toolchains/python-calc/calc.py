"""A tiny calculator with a one-character bug in add()."""


def add(a, b):
    return a - b


def mul(a, b):
    return a * b
