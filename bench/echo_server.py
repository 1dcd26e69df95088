"""A bare grpc.aio server that echoes bytes: the floor FileComplaint is compared with."""
import asyncio
import sys

import grpc


async def main(port: int) -> None:
    async def echo(request: bytes, context) -> bytes:
        return request

    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(echo)
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("bench.Echo", {"Echo": handler})])
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    print(f"READY echo 127.0.0.1:{bound}", flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
