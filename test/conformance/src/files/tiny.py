# Minimal include used for the threshold check

ready = False
