/**
 * A document of just what the taskpane's curve table uses (elements made, appended, removed,
 * found by class or tag, labelled), counting the labels set and the elements made, so that a test
 * can tell how much work a fill or a paste did without a browser.
 */

/** An element of the stub document: a tag, children, a class, attributes and input properties. */
export class StubElement {
  children: StubElement[] = [];
  parent: StubElement | undefined;
  className = '';
  value = '';
  type = '';
  inputMode = '';
  placeholder = '';
  textContent = '';
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();

  constructor(
    readonly tagName: string,
    private readonly counts: DomCounts,
  ) {}

  /** The rows of a table section. */
  get rows(): StubElement[] {
    return this.children.filter((c) => c.tagName === 'tr');
  }

  append(...els: StubElement[]): void {
    for (const e of els) {
      e.parent?.children.splice(e.parent.children.indexOf(e), 1);
      e.parent = this;
      this.children.push(e);
    }
  }

  replaceChildren(...els: StubElement[]): void {
    for (const c of this.children) c.parent = undefined;
    this.children = [];
    this.append(...els);
  }

  remove(): void {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = undefined;
  }

  setAttribute(name: string, value: string): void {
    this.counts.attributesSet++;
    this.attributes.set(name, value);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  addEventListener(type: string, f: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }

  /** Run the listeners of `type` (a click on a Remove button). */
  fire(type: string): void {
    for (const f of this.listeners.get(type) ?? []) f();
  }

  private matches(selector: string): boolean {
    return selector.startsWith('.') ? this.className.split(' ').includes(selector.slice(1)) : this.tagName === selector;
  }

  querySelector(selector: string): StubElement | null {
    for (const c of this.children) {
      if (c.matches(selector)) return c;
      const inner = c.querySelector(selector);
      if (inner !== null) return inner;
    }
    return null;
  }

  closest(selector: string): StubElement | null {
    let e: StubElement | undefined = this as StubElement;
    while (e !== undefined && !e.matches(selector)) e = e.parent;
    return e ?? null;
  }
}

/** What the stub document has done since it was made. */
export interface DomCounts {
  attributesSet: number;
  elementsMade: number;
}

/** A stub `document` holding the elements of `ids` (the curve table's body is `curve-rows`). */
export function stubDocument(ids: readonly string[]): {
  document: { getElementById(id: string): StubElement | null; createElement(tag: string): StubElement };
  byId: (id: string) => StubElement;
  counts: DomCounts;
} {
  const counts: DomCounts = { attributesSet: 0, elementsMade: 0 };
  const elements = new Map(ids.map((id) => [id, new StubElement(id === 'curve-rows' ? 'tbody' : 'div', counts)]));
  const document = {
    getElementById: (id: string) => elements.get(id) ?? null,
    createElement: (tag: string) => {
      counts.elementsMade++;
      return new StubElement(tag, counts);
    },
  };
  return { document, byId: (id) => elements.get(id)!, counts };
}
