// Mints Access Tokens with the official twilio npm package (AccessToken + VideoGrant), as an app's server does, and
// connects simulated clients with them through the fake's control API; prints what it saw as one JSON object.
// Run by tests/FakeRooms.Server.Tests/NodeClientTests.cs with FAKEROOMS_URL, FAKEROOMS_ACCOUNT_SID,
// FAKEROOMS_AUTH_TOKEN, FAKEROOMS_KEY_SID and FAKEROOMS_KEY_SECRET.
const twilio = require("twilio");
const { AccessToken } = twilio.jwt;
const { VideoGrant } = AccessToken;

const url = process.env.FAKEROOMS_URL;
const accountSid = process.env.FAKEROOMS_ACCOUNT_SID;
const keySid = process.env.FAKEROOMS_KEY_SID;
const keySecret = process.env.FAKEROOMS_KEY_SECRET;

function mint(identity, room, options = {}) {
  const token = new AccessToken(accountSid, keySid, options.secret ?? keySecret, { identity, ttl: options.ttl ?? 3600 });
  token.addGrant(new VideoGrant(room ? { room } : {}));
  return token.toJwt();
}

async function connect(token, room) {
  const body = new URLSearchParams({ Token: token });
  if (room) body.set("Room", room);
  const response = await fetch(`${url}/__fakerooms/connect`, { method: "POST", body });
  return { status: response.status, body: await response.json() };
}

async function main() {
  const client = twilio(accountSid, process.env.FAKEROOMS_AUTH_TOKEN);
  client.video.baseUrl = url;

  const joined = await connect(mint("alice", "node huddle"));
  const room = await client.video.v1.rooms("node huddle").fetch();
  const participants = await client.video.v1.rooms(room.sid).participants.list();
  const wrongSecret = await connect(mint("mallory", "node huddle", { secret: "x".repeat(32) }));
  const tooLong = await connect(mint("bob", "node huddle", { ttl: 25 * 3600 }));
  const otherRoom = await connect(mint("carol", "node huddle"), "elsewhere");

  console.log(JSON.stringify({
    joined: { status: joined.status, identity: joined.body.identity, roomSid: joined.body.room_sid },
    room: { sid: room.sid, uniqueName: room.uniqueName, type: room.type },
    participants: participants.map(p => p.identity),
    wrongSecret: { status: wrongSecret.status, code: wrongSecret.body.code },
    tooLong: { status: tooLong.status, code: tooLong.body.code },
    otherRoom: { status: otherRoom.status, code: otherRoom.body.code },
  }));
}

main().catch(e => { console.error(e); process.exit(1); });
