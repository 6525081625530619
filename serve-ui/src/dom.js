/** Building the page's elements: text always goes in as text, never as markup. */

/** A new ``tag`` element with ``attributes`` (``text`` sets its text) and ``children``. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}
