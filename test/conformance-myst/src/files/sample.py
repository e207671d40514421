# Demo module for the MyST literalinclude cases

greeting = "Grüße aus Köln"

class Lamp:
    pass

class Shelf:
    def stack(self):
        return 1

# after the Shelf class
def tidy(): pass
