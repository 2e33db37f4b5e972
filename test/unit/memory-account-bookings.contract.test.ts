import { MemoryAccountBookings } from "../../adapters/memory/memory-account-bookings.js";
import { describeAccountBookingsContract } from "../contract/account-bookings.contract.js";

describeAccountBookingsContract("memory", async () => new MemoryAccountBookings());
