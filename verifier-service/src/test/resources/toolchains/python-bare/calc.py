def add(a, b):
    return a - b


def double(x):
    return 2 * x
