#!/usr/bin/python3
"""cut-proxy.py PORT SERVER_PORT LIMIT: a TCP proxy on 127.0.0.1:PORT to a server on
127.0.0.1:SERVER_PORT that closes each connection once the server has sent LIMIT bytes through
it: a remote shard that answers when opened and goes silent during the search (tests/shards.sh)."""
import socket
import sys
import threading


def pump(src, dst, limit):
    """Copies src to dst; with a limit, stops after that many bytes and closes both."""
    sent = 0
    try:
        while limit is None or sent < limit:
            data = src.recv(4096)
            if not data:
                break
            if limit is not None:
                data = data[:limit - sent]
            dst.sendall(data)
            sent += len(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def main():
    port, server, limit = (int(a) for a in sys.argv[1:4])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(8)
    while True:
        client, _ = listener.accept()
        upstream = socket.create_connection(("127.0.0.1", server))
        threading.Thread(target=pump, args=(client, upstream, None), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, limit), daemon=True).start()


if __name__ == "__main__":
    main()
