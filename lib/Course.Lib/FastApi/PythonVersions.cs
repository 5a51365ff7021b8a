using System.Text.Json.Serialization;

namespace Course.FastApi;

/// <summary>The versions of Python and of the FastAPI stack that ran (or recorded) an app.</summary>
public sealed record PythonVersions(
    [property: JsonPropertyName("python")] string Python,
    [property: JsonPropertyName("fastapi")] string FastApi,
    [property: JsonPropertyName("pydantic")] string Pydantic,
    [property: JsonPropertyName("starlette")] string Starlette,
    [property: JsonPropertyName("uvicorn")] string Uvicorn)
{
    /// <summary>For example <c>FastAPI 0.92.0 · Pydantic 1.10.4 · Starlette 0.26.1 · uvicorn 0.17.6 · Python 3.11.2</c>.</summary>
    public override string ToString() =>
        $"FastAPI {FastApi} · Pydantic {Pydantic} · Starlette {Starlette} · uvicorn {Uvicorn} · Python {Python}";
}
