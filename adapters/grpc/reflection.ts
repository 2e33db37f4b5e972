import {
  Server,
  status,
  type ServerDuplexStream,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { loadFileDescriptorSetFromBuffer } from "@grpc/proto-loader";
import type { ServerReflectionRequest__Output } from "../../protos/generated/grpc/reflection/v1/ServerReflectionRequest.js";
import type { ServerReflectionResponse } from "../../protos/generated/grpc/reflection/v1/ServerReflectionResponse.js";
import { DescriptorSet } from "./descriptor-set.js";

/** v1, and v1alpha for older clients: the same messages in another package, so one handler answers both. */
const reflectionServices = ["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"] as const;
/** The options `npm run protos` generates the reflection types with (as for every service, grpc-server.ts). */
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

type ReflectionCall = ServerDuplexStream<ServerReflectionRequest__Output, ServerReflectionResponse>;

/**
 * A grpc-js server that serves gRPC server reflection (grpc.reflection.v1 and v1alpha) from a FileDescriptorSet
 * compiled by buf (protos/descriptor.binpb), sending each file's bytes as the compiler wrote them. It lists every
 * service registered on it (reflection included), whenever it was registered, and refuses to register a service
 * with a method the set does not describe, so a stale set fails at start rather than in a client.
 */
export class ReflectingServer extends Server {
  private readonly descriptors: DescriptorSet;
  private readonly served = new Set<string>();

  constructor(descriptorSet: Buffer) {
    super();
    this.descriptors = DescriptorSet.read(descriptorSet);
    // The reflection service's own definition comes from the set it serves.
    const definitions = loadFileDescriptorSetFromBuffer(descriptorSet, loaderOptions);
    for (const name of reflectionServices) {
      const definition = definitions[name];
      if (definition === undefined)
        throw new Error(`the descriptor set lacks ${name} (protos/grpc/reflection): run npm run protos`);
      this.addService(definition as ServiceDefinition, {
        ServerReflectionInfo: (call: ReflectionCall) => this.reflect(call),
      });
    }
  }

  override addService(service: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    const paths = Object.values(service).map((method) => method.path);
    // "/package.Service/Method"
    const names = paths.map((path) => ({
      service: path.slice(1, path.lastIndexOf("/")),
      method: path.slice(1).replace("/", "."),
    }));
    const undescribed = names.find(
      ({ service, method }) => !this.descriptors.describesService(service) || !this.descriptors.declares(method),
    );
    if (undescribed)
      throw new Error(
        `gRPC method ${undescribed.method} is served but protos/descriptor.binpb does not describe it: run npm run protos`,
      );
    super.addService(service, implementation);
    for (const { service: name } of names) this.served.add(name);
  }

  /** The reflection stream: one answer per request, in order, until the client ends it. */
  private reflect(call: ReflectionCall): void {
    call.on("data", (request: ServerReflectionRequest__Output) => call.write(this.answer(request)));
    call.on("end", () => call.end());
    // A client that goes away needs no cleanup; the listener keeps its error from being an unhandled one.
    call.on("error", () => undefined);
  }

  private answer(request: ServerReflectionRequest__Output): ServerReflectionResponse {
    const reply = (answer: ServerReflectionResponse): ServerReflectionResponse => ({
      valid_host: request.host,
      original_request: request,
      ...answer,
    });
    const notFound = (what: string): ServerReflectionResponse =>
      reply({
        error_response: { error_code: status.NOT_FOUND, error_message: `${what} is not described by this server` },
      });
    const files = (found: Uint8Array[] | undefined, what: string): ServerReflectionResponse =>
      found ? reply({ file_descriptor_response: { file_descriptor_proto: found } }) : notFound(what);
    switch (request.message_request) {
      case "list_services":
        return reply({ list_services_response: { service: [...this.served].sort().map((name) => ({ name })) } });
      case "file_by_filename": {
        const name = request.file_by_filename ?? "";
        return files(this.descriptors.fileByName(name), `file ${name}`);
      }
      case "file_containing_symbol": {
        const symbol = request.file_containing_symbol ?? "";
        return files(this.descriptors.fileContainingSymbol(symbol), `symbol ${symbol}`);
      }
      case "file_containing_extension": {
        const { containing_type: type = "", extension_number: number = 0 } = request.file_containing_extension ?? {};
        return files(this.descriptors.fileContainingExtension(type, number), `extension ${number} of ${type}`);
      }
      case "all_extension_numbers_of_type": {
        const type = request.all_extension_numbers_of_type ?? "";
        const numbers = this.descriptors.extensionNumbers(type);
        return numbers
          ? reply({ all_extension_numbers_response: { base_type_name: type, extension_number: numbers } })
          : notFound(`type ${type}`);
      }
      case undefined:
        return reply({
          error_response: {
            error_code: status.INVALID_ARGUMENT,
            error_message: "the request asks nothing: set one of the fields of message_request",
          },
        });
    }
  }
}
