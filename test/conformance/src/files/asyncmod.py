import sys

@first
# between
@second(
  7)
async def fetch(a: int = 2,
       b: list = []) -> dict[str, float]:
    return {}

def pair(): return (3,
   4)
