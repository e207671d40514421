# Module with decorated objects

@register
@configure(level=2)
class Widget(object):

    @cached
    @configure(level=3)
    def render(self):
        pass

@register
@configure(level=1)
def build_widget():
    pass
