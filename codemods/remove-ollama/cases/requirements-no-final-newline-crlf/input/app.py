import numpy
