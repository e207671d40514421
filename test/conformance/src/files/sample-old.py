# Sample module exercising include options

motto = "Sample text with accents: déjà vu, naïve"

class Apple:
    pass

class Basket:
    def weave(self):
        pass

# note after Basket class
def helper(): pass
