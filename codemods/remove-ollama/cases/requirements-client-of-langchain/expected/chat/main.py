from app import reply

print(reply("one two"))
