word = 'café'

def serve():
    return word
