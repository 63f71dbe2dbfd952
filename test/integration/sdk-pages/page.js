// What every SDK page shares: a login form (type a user id, press Enter) and a Buy button, wired to
// the SDK's calls; window.sdkPage lets the test read the SDK's device id.
export function onPage(sdk) {
  const status = document.getElementById("status");
  document.getElementById("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    await sdk.login(document.getElementById("user").value);
    status.textContent = "logged in";
  });
  document.getElementById("buy").addEventListener("click", async () => {
    await sdk.buy();
    status.textContent = "bought";
  });
  window.sdkPage = { deviceId: async () => await sdk.deviceId() };
  sdk.start();
}
