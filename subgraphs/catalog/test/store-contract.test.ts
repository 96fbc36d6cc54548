import { listingContract } from './contract/listing.contract';
import { memoryStores, mongoStores } from './contract/location';
import { writesContract } from './contract/writes.contract';

listingContract('the in-process engine', memoryStores);
writesContract('the in-process engine', memoryStores);

// A real MongoDB runs the same contract when one is configured; there is none to skip otherwise.
const mongodbUrl = process.env.MONGODB_URL;
if (mongodbUrl) {
  listingContract('MongoDB', mongoStores(mongodbUrl));
  writesContract('MongoDB', mongoStores(mongodbUrl));
}
