// Fails with a plain sentence when this Node is older than the dashboard's build needs
// (Vite 8: Node 20.19 or later). Plain old syntax, so that an old Node can read it.
var need = [20, 19];
var have = process.versions.node.split(".").map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  console.error("the dashboard needs Node " + need.join(".") + " or later; this is " + process.version +
    " (Debian 12's nodejs is 18: install Node 20 or 22)");
  process.exit(1);
}
