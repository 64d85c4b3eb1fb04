"""The floor for the classifier benchmark: a FastAPI endpoint that reads the same JSON body and
answers a fixed small object, served by the same uvicorn."""

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/echo")
async def echo(request: Request) -> dict:
    body = await request.json()
    return {"resourceType": "OperationOutcome", "entries": len(body.get("entry", []))}
