# Demo module for the MyST literalinclude cases

greeting = "Grüße aus Köln"

class Lamp:
    pass

class Shelf:
    def stack(self):
        return 0

# after Shelf
def tidy(): pass
