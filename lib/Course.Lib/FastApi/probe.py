# Answers which versions this Python has of what the course's FastApiApp needs; fails when one is missing.
import json
import sys

import fastapi
import pydantic
import starlette
import uvicorn

print(json.dumps({
    "python": sys.version.split()[0],
    "fastapi": fastapi.__version__,
    "pydantic": str(pydantic.VERSION),
    "starlette": starlette.__version__,
    "uvicorn": uvicorn.__version__,
}))
