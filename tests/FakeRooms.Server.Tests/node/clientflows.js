// Drives SubscribeRules, Transcriptions and a reconnecting participant with the official twilio npm package, against a
// standalone FakeRooms; simulated clients join and publish through the fake's control API. Prints what it saw as one
// JSON object. Run by tests/FakeRooms.Server.Tests/NodeClientTests.cs with FAKEROOMS_URL, FAKEROOMS_ACCOUNT_SID and
// FAKEROOMS_AUTH_TOKEN (manual clock).
const twilio = require("twilio");

const url = process.env.FAKEROOMS_URL;

async function control(path, fields = {}) {
  const response = await fetch(`${url}/__fakerooms${path}`, { method: "POST", body: new URLSearchParams(fields) });
  return { status: response.status, body: await response.json() };
}

async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return { name: e.constructor.name, status: e.status, code: e.code };
  }
}

async function main() {
  const client = twilio(process.env.FAKEROOMS_ACCOUNT_SID, process.env.FAKEROOMS_AUTH_TOKEN);
  client.video.baseUrl = url;

  const room = await client.video.v1.rooms.create({
    uniqueName: "node studio",
    transcribeParticipantsOnConnect: true,
    transcriptionsConfiguration: { languageCode: "en-US", partialResults: true },
  });
  for (const identity of ["alice", "bob", "carl"])
    await control(`/rooms/${room.sid}/participants`, { Identity: identity });
  await control(`/rooms/${room.sid}/participants/bob/tracks`, { Kind: "audio", Name: "bob-audio" });
  await control(`/rooms/${room.sid}/participants/bob/tracks`, { Kind: "video", Name: "screen" });
  await control(`/rooms/${room.sid}/participants/carl/tracks`, { Kind: "video", Name: "carl-cam" });

  const alice = client.video.v1.rooms(room.sid).participants("alice");
  const defaults = await alice.subscribeRules.fetch();
  const updated = await alice.subscribeRules.update({
    rules: [{ type: "include", kind: "audio" }, { type: "include", publisher: "bob", track: "screen" }],
  });
  const subscribed = await alice.subscribedTracks.list();
  const invalidRules = await failure(alice.subscribeRules.update({ rules: [{ type: "include", kind: "wideo" }] }));

  const onConnect = await client.video.v1.rooms(room.sid).transcriptions.list();
  const ttid = onConnect[0].ttid;
  const stopped = await client.video.v1.rooms(room.sid).transcriptions(ttid).update({ status: "stopped" });
  const fetched = await client.video.v1.rooms(room.sid).transcriptions(ttid).fetch();
  const second = await failure(client.video.v1.rooms(room.sid).transcriptions.create({ configuration: { languageCode: "nl-BE" } }));

  await control(`/rooms/${room.sid}/participants/carl/lose-connection`);
  const reconnecting = await client.video.v1.rooms(room.sid).participants.list({ status: "reconnecting" });
  await control(`/rooms/${room.sid}/participants/carl/reconnect`);
  const carl = await client.video.v1.rooms(room.sid).participants("carl").fetch();

  console.log(JSON.stringify({
    defaults: defaults.rules,
    updated: { participantSid: updated.participantSid, rules: updated.rules },
    subscribed: subscribed.map(t => t.name).sort(),
    invalidRules,
    transcription: {
      ttid,
      status: onConnect[0].status,
      configuration: onConnect[0].configuration,
      startTime: onConnect[0].startTime,
      stopped: stopped.status,
      fetched: fetched.status,
    },
    second,
    reconnecting: reconnecting.map(p => p.identity),
    carl: carl.status,
  }));
}

main().catch(e => { console.error(e); process.exit(1); });
