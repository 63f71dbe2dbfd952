// The request's loader of whole profiles (RequestContext.loaders.profile): made anew for every
// request (src/app/context.ts), so a profile several fields ask for is read once, batched.
import DataLoader from "dataloader";
import type { ProfileReader, ProfileView } from "./profile.reader.js";

export interface ProfileLoaders {
  /** Whole profiles by their id (root). */
  profile: DataLoader<string, ProfileView | null>;
}

export const profileLoaders = (profiles: ProfileReader, space: string): ProfileLoaders => ({
  profile: new DataLoader((roots: readonly string[]) => profiles.loadProfiles(space, roots), { maxBatchSize: 1000 }),
});
