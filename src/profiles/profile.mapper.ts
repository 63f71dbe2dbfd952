// From the store's views to the GraphQL types: spelled out, so the compiler checks every field.
import type { Device, Profile } from "./profile.types.js";
import type { DeviceView, ProfileView } from "./profile.reader.js";

export const toDevice = (view: DeviceView): Device => ({
  id: view.id,
  profileId: view.profileId,
  firstSeenAt: view.firstSeenAt,
  lastSeenAt: view.lastSeenAt,
});

export const toProfile = (view: ProfileView): Profile => ({
  id: view.id,
  ids: view.ids,
  identifiers: view.identifiers.map(({ type, value }) => ({ type, value })),
  devices: view.devices.map(toDevice),
  createdAt: view.createdAt,
  traits: view.traits,
  traitList: view.traitList.map(({ name, value, at, profileId }) => ({ name, value, at, profileId })),
});
