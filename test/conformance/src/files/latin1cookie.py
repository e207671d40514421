# -*- coding: latin-1 -*-
word = 'café'

def serve():
    return word
