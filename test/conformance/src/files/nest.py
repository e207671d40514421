import os

@wrap
def single(): return 9

def host():
    def helper():
        pass
    class Local:
        pass
    return helper

class Holder:
    y = 2

    # closing remark


class Framed(
    object):
    """text"""
    def act(self): pass
