# -*- coding: nosuchcodec -*-
def tool(): pass
