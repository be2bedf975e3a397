"""Drives a FakeRooms server with the official twilio-python package (Debian's python3-twilio, 7.x) and prints what it
saw as one JSON object. Run by tests/FakeRooms.Server.Tests/PythonClientTests.cs with FAKEROOMS_URL,
FAKEROOMS_ACCOUNT_SID and FAKEROOMS_AUTH_TOKEN."""
import json
import os
import sys

import twilio
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

url = os.environ["FAKEROOMS_URL"]
account_sid = os.environ["FAKEROOMS_ACCOUNT_SID"]
auth_token = os.environ["FAKEROOMS_AUTH_TOKEN"]


def connect(sid, token):
    client = Client(sid, token)
    client.video.base_url = url  # every Video call goes to the fake
    return client


def error_of(call):
    try:
        call()
        return None
    except TwilioRestException as e:
        return {"name": type(e).__name__, "status": e.status, "code": e.code, "message": e.msg, "method": e.method}
    except TwilioException as e:  # 7.x raises a bare TwilioException when a list request fails, as against Twilio
        return {"name": type(e).__name__, "message": str(e)}


def main():
    client = connect(account_sid, auth_token)
    rooms = client.video.v1.rooms

    created = rooms.create(unique_name="python standup", type="group", max_participants=8, video_codecs=["VP8", "H264"])
    by_sid = rooms(created.sid).fetch()
    by_name = rooms("python standup").fetch()

    for i in range(5):
        rooms.create(unique_name=f"python-{i}")
    listed = rooms.list(status="in-progress", page_size=2)  # follows next_page_url
    first_page = rooms.page(page_size=4)
    second_page = first_page.next_page()

    completed = rooms(created.sid).update(status="completed")

    errors = {
        "duplicate": error_of(lambda: rooms.create(unique_name="python-0")),
        "missing": error_of(lambda: rooms("RM00000000000000000000000000000000").fetch()),
        "completeAgain": error_of(lambda: rooms(created.sid).update(status="completed")),
        "wrongToken": error_of(lambda: connect(account_sid, "wrong").video.v1.rooms("python-1").fetch()),
    }

    print(json.dumps({
        "version": twilio.__version__,
        "created": {"sid": created.sid, "uniqueName": created.unique_name, "status": created.status, "type": created.type,
                    "maxParticipants": created.max_participants, "videoCodecs": created.video_codecs, "url": created.url,
                    "dateCreated": created.date_created.isoformat()},
        "bySid": by_sid.sid,
        "byName": by_name.sid,
        "listed": [r.unique_name for r in listed],
        "firstPage": {"names": [r.unique_name for r in first_page], "nextPageUrl": first_page.next_page_url},
        "secondPage": [r.unique_name for r in second_page],
        "completed": {"status": completed.status, "duration": completed.duration},
        "errors": errors,
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the test shows the traceback
        import traceback
        traceback.print_exc()
        sys.exit(1)
