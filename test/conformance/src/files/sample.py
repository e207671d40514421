# Sample module exercising include options

motto = "Sample text with accents: déjà vu, naïve"

class Apple:
    pass

class Basket:
    def weave():
        pass

# note after Basket class definition
def helper(): pass
