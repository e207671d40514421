# Extended sample with functions and tabs

motto = 'Sample text with accents: déjà vu, naïve'


class Apple:
    pass


class Basket:
    def weave():
        pass


# note after Basket class definition
def helper(): pass


def starts_with_comment():
    # explain the value
    return 2


def starts_with_blank():

    return 3


class Tabbed:
	def spin(self):
		pass
