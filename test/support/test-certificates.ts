import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCertificates {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** A client certificate from a CA the server does not trust. */
  readonly rogueClientCert: string;
  readonly rogueClientKey: string;
  read(file: string): Buffer;
}

/** A throwaway CA with a server certificate for localhost/127.0.0.1 and client certificates, made with openssl. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "liq-tls-"));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ca = (name: string) =>
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      path(`${name}.key`),
      "-out",
      path(`${name}.crt`),
    );
  const signed = (name: string, by: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      path(`${name}.key`),
      "-out",
      path(`${name}.csr`),
    );
    openssl(
      "x509",
      "-req",
      "-in",
      path(`${name}.csr`),
      "-CA",
      path(`${by}.crt`),
      "-CAkey",
      path(`${by}.key`),
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      path(`${name}.ext`),
      "-out",
      path(`${name}.crt`),
    );
  };
  ca("test-ca");
  ca("rogue-ca");
  signed("server", "test-ca", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  signed("client", "test-ca", "extendedKeyUsage=clientAuth\n");
  signed("rogue-client", "rogue-ca", "extendedKeyUsage=clientAuth\n");
  return {
    dir,
    caCert: path("test-ca.crt"),
    serverCert: path("server.crt"),
    serverKey: path("server.key"),
    clientCert: path("client.crt"),
    clientKey: path("client.key"),
    rogueClientCert: path("rogue-client.crt"),
    rogueClientKey: path("rogue-client.key"),
    read: (file: string) => readFileSync(file),
  };
}
