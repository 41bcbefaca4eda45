"""Runs Python programs each in a fork of one interpreter, as `python3 PROGRAM` would run them.

Starting python3 and importing numpy (the stand-ins use it when it is installed) costs a quarter
second of CPU a run, and the codemod case suites run two programs per case: this server pays
that once. Each request is one JSON line on stdin:
  {"cwd", "program", "pythonPath", "env", "stdout", "stderr", "timeout"}
The server forks; the child takes the request's working folder, environment, sys.path (the
program's folder, then PYTHONPATH, then the interpreter's own) and argv, sends its stdout and
stderr to the named files, runs the program as __main__ (its __file__ absolute, argv[0] as given)
and exits as the interpreter would.
The answer is one JSON line: {"status": exit code, or null when a signal ended the child}.
"""
import json
import os
import sys

try:
    import numpy  # noqa: F401  (preloaded: every child finds it imported, as after its own import)
except ImportError:
    pass

BASE_PATH = sys.path[1:]  # without this script's folder
DEVNULL = os.open(os.devnull, os.O_RDONLY)


def run_as_main(program):
    """Runs the file as the interpreter runs a script: a fresh __main__ with its absolute __file__."""
    import builtins
    import importlib.machinery
    import types

    path = os.path.abspath(program)
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__cached__ = None
    main.__builtins__ = builtins
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = main
    with open(path, "rb") as f:
        source = f.read()  # compile() reads a coding declaration or BOM as the interpreter does
    exec(compile(source, path, "exec"), main.__dict__)


def child(request):
    import atexit
    import signal
    import threading
    import traceback
    import warnings

    signal.alarm(int(request.get("timeout", 60)))
    os.dup2(DEVNULL, 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, fd)
        os.close(out)
    os.chdir(request["cwd"])
    env = request["env"]
    os.environ.clear()
    os.environ.update(env)
    program = request["program"]
    python_path = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:] = [os.path.dirname(os.path.realpath(program))] + python_path + BASE_PATH
    sys.argv[:] = [program]
    sys.dont_write_bytecode = bool(env.get("PYTHONDONTWRITEBYTECODE"))
    warnings.resetwarnings()
    sys.warnoptions[:] = [w for w in env.get("PYTHONWARNINGS", "").split(",") if w]
    for option in sys.warnoptions:
        if option == "ignore":
            warnings.simplefilter("ignore")
        else:
            raise ValueError("python-forks.py: PYTHONWARNINGS=%s is not supported" % option)
    status = 0
    try:
        run_as_main(program)
    except SystemExit as e:
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException as e:
        # As the interpreter prints it: from the program's own frames (not child's and run_as_main's).
        tb = e.__traceback__
        for _ in range(2):
            tb = tb.tb_next if tb is not None and tb.tb_next is not None else tb
        traceback.print_exception(type(e), e, tb)
        status = 1
    # What the interpreter does on the way out: wait for threads, run atexit, flush.
    try:
        threading._shutdown()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        traceback.print_exc()
        status = status or 1
    os._exit(status & 0xFF)


def main():
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                child(request)
            except BaseException:
                import traceback
                traceback.print_exc()
            finally:
                os._exit(120)
        _, wait_status = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)
        sys.stdout.write(json.dumps({"status": status if status >= 0 else None}) + "\n")
        sys.stdout.flush()


main()
