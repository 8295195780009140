bad(
s?
x|y
[ab] c
