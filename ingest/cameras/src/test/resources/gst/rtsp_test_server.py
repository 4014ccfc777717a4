#!/usr/bin/env python3
"""A tiny GStreamer RTSP server for CareWatch interoperability tests.

Serves videotestsrc encoded live with x264enc at /h264 and x265enc at /h265 (one shared pipeline per
mount), over RTP/UDP and RTP/TCP interleaved. With --user/--password every mount requires Digest
authentication. Prints "READY <port>" once listening and exits when its standard input closes, so it
never outlives the test that started it.
"""
import argparse
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PIPELINES = {
    "/h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=500 "
             "! rtph264pay name=pay0 pt=96 config-interval=-1",
    "/h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=500 "
             "! rtph265pay name=pay0 pt=96 config-interval=-1",
}
SOURCE = ("videotestsrc is-live=true pattern=ball "
          "! video/x-raw,width=320,height=240,framerate=25/1 ! videoconvert ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    Gst.init(None)
    loop = GLib.MainLoop()
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    permissions = None
    if args.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "viewer")
        auth.add_digest(args.user, args.password or "", token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role("viewer", "media.factory.access", True)
        permissions.add_permission_for_role("viewer", "media.factory.construct", True)

    mounts = server.get_mount_points()
    for path, encoder in PIPELINES.items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch("( " + SOURCE + "! " + encoder + " )")
        factory.set_shared(True)
        factory.set_protocols(GstRtsp.RTSPLowerTrans.UDP | GstRtsp.RTSPLowerTrans.TCP)
        if permissions is not None:
            factory.set_permissions(permissions)
        mounts.add_factory(path, factory)

    if server.attach(None) == 0:
        print("FAILED to listen", flush=True)
        return 1
    print("READY %d" % server.get_bound_port(), flush=True)

    def wait_for_stdin_close():
        sys.stdin.read()
        GLib.idle_add(loop.quit)

    threading.Thread(target=wait_for_stdin_close, daemon=True).start()
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
