import { StatementRefused } from "./errors.js";
import { quoted } from "./values.js";

/**
 * Reading the tree fast-xml-parser makes (every element an array, attributes under `@_`, text under `#text`
 * beside attributes or as the element itself when it has none), with the place of each element kept for messages:
 * `Stmt[1]/Ntry[3]/Amt`. Elements that repeat carry their 1-based index; single ones do not.
 */

/** An element's parsed value: its text when it holds only text and no attributes, else an object. */
export type XmlValue = string | { readonly [key: string]: unknown };

export interface XmlElement {
  readonly value: XmlValue;
  /** Its path from the statement (`Stmt[2]/Bal[1]/Amt`), or from the document for what sits above. */
  readonly place: string;
}

function placeOf(parent: XmlElement, name: string): string {
  return parent.place === "" ? name : `${parent.place}/${name}`;
}

function childValues(parent: XmlElement, name: string): readonly XmlValue[] {
  if (typeof parent.value === "string" || !Object.hasOwn(parent.value, name)) return [];
  const found = parent.value[name];
  return Array.isArray(found) ? (found as XmlValue[]) : [found as XmlValue];
}

/** Every child named `name`, each placed with its index (`Ntry[3]`). */
export function repeated(parent: XmlElement, name: string): XmlElement[] {
  return childValues(parent, name).map((value, index) => ({ value, place: `${placeOf(parent, name)}[${index + 1}]` }));
}

/** The child named `name`, if any; refused when it appears more than once. */
export function optional(parent: XmlElement, name: string): XmlElement | undefined {
  const values = childValues(parent, name);
  const place = placeOf(parent, name);
  if (values.length > 1) throw new StatementRefused(place, `appears ${values.length} times where once is allowed`);
  return values.length === 0 ? undefined : { value: values[0]!, place };
}

export function required(parent: XmlElement, name: string): XmlElement {
  const element = optional(parent, name);
  if (element === undefined) throw new StatementRefused(placeOf(parent, name), "missing");
  return element;
}

/** Follows a path of single children; undefined as soon as one is absent. */
export function optionalPath(parent: XmlElement, ...names: string[]): XmlElement | undefined {
  let element: XmlElement | undefined = parent;
  for (const name of names) {
    if (element === undefined) return undefined;
    element = optional(element, name);
  }
  return element;
}

/** The element's text (trimmed by the parser); refused when it holds elements instead. */
export function textOf(element: XmlElement): string {
  if (typeof element.value === "string") return element.value;
  const children = Object.keys(element.value).filter((key) => key !== "#text" && !key.startsWith("@_"));
  if (children.length > 0)
    throw new StatementRefused(element.place, `holds the element ${quoted(children[0]!)} where text was expected`);
  const text = element.value["#text"];
  return typeof text === "string" ? text : "";
}

/** The text of an element that must be present and not empty. */
export function requiredText(parent: XmlElement, name: string): string {
  const element = required(parent, name);
  const text = textOf(element);
  if (text === "") throw new StatementRefused(element.place, "empty");
  return text;
}

/** The text of an optional element; an empty element counts as absent. */
export function optionalText(parent: XmlElement, name: string): string | undefined {
  const element = optional(parent, name);
  const text = element === undefined ? "" : textOf(element);
  return text === "" ? undefined : text;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  if (typeof element.value === "string") return undefined;
  const value = element.value[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}
