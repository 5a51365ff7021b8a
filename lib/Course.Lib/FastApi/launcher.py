# Runs one FastAPI (or any ASGI) app for the course's FastApiApp: loads the module at argv[1], binds a free port of
# 127.0.0.1, prints {"port": N} and serves it with uvicorn. It ends when the .NET process that started it (argv[2])
# ends, even if that process was killed and could not stop it: no uvicorn outlives its notebook.
import importlib.util
import json
import os
import socket
import sys
import threading
import time


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(0)


threading.Thread(target=watch_parent, args=(int(sys.argv[2]),), daemon=True).start()

spec = importlib.util.spec_from_file_location("main", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules["main"] = module
spec.loader.exec_module(module)
app = getattr(module, "app", None)
if app is None:
    print("The Python source defines no 'app': end it with, for example, app = FastAPI().", file=sys.stderr)
    sys.exit(3)

import uvicorn  # noqa: E402 (after the app: an error in the learner's source is reported first)

# IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets made with it, and without that
# uvicorn's two writes per response (head, then body) wait for the client's delayed ACK, about 40 ms per response.
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
print(json.dumps({"port": listener.getsockname()[1]}), flush=True)
uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[listener])
