#!/usr/bin/env python3
"""Writes a trace file of N HTTP requests, each to a model of its own
(model_0000000, model_0000001, ... version 1), with the full span
breakdown and the same durations in every request: infer 11 us, receive
1 us, send 0.5 us, handler 8 us, queue 1.5 us, compute 5.5 us (input 0.5,
infer 4.5, output 0.5). For bench/many-models and the many_models test.
   many_models_gen.py FILE N"""
import sys

NAMES = ("HTTP_RECV_START", "HTTP_RECV_END", "REQUEST_START", "QUEUE_START", "COMPUTE_START",
         "COMPUTE_INPUT_END", "COMPUTE_OUTPUT_START", "COMPUTE_END", "REQUEST_END", "HTTP_SEND_START",
         "HTTP_SEND_END")
OFFSETS_NS = (0, 1000, 2000, 2500, 4000, 4500, 9000, 9500, 10000, 10500, 11000)


def main(path, n):
    with open(path, "w") as f:
        f.write("[")
        for k in range(n):
            t = 1000000 + 20000 * k + k % 7
            stamps = ",".join('{"name":"%s","ns":%d}' % (name, t + o) for name, o in zip(NAMES, OFFSETS_NS))
            f.write('%s{"id":%d,"model_name":"model_%07d","model_version":1,"timestamps":[%s]}'
                    % ("," if k else "", k + 1, k, stamps))
        f.write("]")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
