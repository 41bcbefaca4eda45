import csv
import sys

writer = csv.writer(sys.stdout)
writer.writerow(["month", "total"])
