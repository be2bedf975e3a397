// Drives a FakeRooms server with the official twilio npm package and prints what it saw as one JSON object.
// Run by tests/FakeRooms.Server.Tests/NodeClientTests.cs with FAKEROOMS_URL, FAKEROOMS_ACCOUNT_SID, FAKEROOMS_AUTH_TOKEN.
const twilio = require("twilio");

const url = process.env.FAKEROOMS_URL;
const accountSid = process.env.FAKEROOMS_ACCOUNT_SID;
const authToken = process.env.FAKEROOMS_AUTH_TOKEN;

function connect(sid, token) {
  const client = twilio(sid, token);
  client.video.baseUrl = url; // every Video call goes to the fake (FACTS §8.4)
  return client;
}

async function errorOf(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return { name: e.constructor.name, status: e.status, code: e.code, message: e.message, moreInfo: e.moreInfo };
  }
}

async function main() {
  const client = connect(accountSid, authToken);
  const rooms = client.video.v1.rooms;

  const created = await rooms.create({ uniqueName: "node standup", type: "group", maxParticipants: 8, videoCodecs: ["VP8", "H264"] });
  const bySid = await rooms(created.sid).fetch();
  const byName = await rooms("node standup").fetch();

  for (let i = 0; i < 5; i++) await rooms.create({ uniqueName: `node-${i}` });
  const listed = await rooms.list({ status: "in-progress", pageSize: 2 }); // follows next_page_url verbatim
  const firstPage = await rooms.page({ pageSize: 4 });
  const secondPage = await firstPage.nextPage();

  const completed = await rooms(created.sid).update({ status: "completed" });

  const errors = {
    duplicate: await errorOf(rooms.create({ uniqueName: "node-0" })),
    badType: await errorOf(rooms.create({ type: "huge" })),
    missing: await errorOf(rooms("RM00000000000000000000000000000000").fetch()),
    completedByName: await errorOf(rooms("node standup").fetch()),
    completeAgain: await errorOf(rooms(created.sid).update({ status: "completed" })),
    wrongToken: await errorOf(connect(accountSid, "wrong").video.v1.rooms.list()),
  };

  console.log(JSON.stringify({
    created: { sid: created.sid, uniqueName: created.uniqueName, status: created.status, type: created.type,
               maxParticipants: created.maxParticipants, videoCodecs: created.videoCodecs, url: created.url, dateCreated: created.dateCreated },
    bySid: bySid.sid,
    byName: byName.sid,
    listed: listed.map(r => r.uniqueName),
    firstPage: { names: firstPage.instances.map(r => r.uniqueName), nextPageUrl: firstPage.nextPageUrl },
    secondPage: secondPage.instances.map(r => r.uniqueName),
    completed: { status: completed.status, duration: completed.duration, endTime: completed.endTime },
    errors,
  }));
}

main().catch(e => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
