def expose(namespace):
    print(sorted(k for k in namespace if not k.startswith("_")))
