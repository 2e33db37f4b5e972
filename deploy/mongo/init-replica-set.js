// mongosh script of the compose deployment's `mongo-init` service: makes mongo1, mongo2 and mongo3 the replica set
// rs0 and waits until it has a primary, so the engine (which depends on this service completing) starts against a
// writable replica set. Idempotent: on a set already initiated it only waits for the primary.
/* global rs, sleep, quit, print */
const replicaSet = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27017", priority: 1 },
    { _id: 2, host: "mongo3:27017", priority: 1 },
  ],
};

function initiated() {
  try {
    rs.status();
    return true;
  } catch (error) {
    // NotYetInitialized (94): a fresh member. Anything else is a real failure.
    if (error.code === 94 || error.codeName === "NotYetInitialized") return false;
    throw error;
  }
}

if (initiated()) {
  print("replica set rs0 already initiated");
} else {
  const answer = rs.initiate(replicaSet);
  print(`rs.initiate: ${JSON.stringify(answer)}`);
}

const deadline = Date.now() + 120 * 1000;
/** The members as rs.status() reports them; none while the new configuration is still being taken up. */
function members() {
  try {
    return rs.status().members ?? [];
  } catch (error) {
    print(`waiting for the replica set: ${error.message}`);
    return [];
  }
}

for (;;) {
  const current = members();
  const primary = current.find((member) => member.stateStr === "PRIMARY");
  if (primary) {
    print(`replica set rs0 has a primary: ${primary.name}`);
    break;
  }
  if (Date.now() > deadline) {
    print(`no primary after 120 s: ${JSON.stringify(current.map((member) => `${member.name} ${member.stateStr}`))}`);
    quit(1);
  }
  sleep(1000);
}
