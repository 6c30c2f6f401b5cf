// The connector guide is Markdown written by the hub. Only a small inline subset is rendered
// (bold, inline code, links), always as DOM nodes filled with textContent: server text never
// reaches innerHTML, so a stray tag in a guide shows up as text instead of running.
const inlinePattern = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g

function isSafeLink(href) {
  try {
    const url = new window.URL(href, window.location.href)
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:'
  } catch {
    return false
  }
}

function appendLink(parent, text, href) {
  if (!isSafeLink(href)) {
    parent.append(document.createTextNode(text))
    return
  }
  const link = document.createElement('a')
  link.href = href
  link.target = '_blank'
  link.rel = 'noopener noreferrer'
  appendMarkdown(link, text)
  const hint = document.createElement('span')
  hint.className = 'visually-hidden'
  hint.textContent = ' (opens in a new tab)'
  link.append(hint)
  parent.append(link)
}

/** Appends `text` to `parent`, turning **bold**, `code` and [links](https://…) into elements. */
export function appendMarkdown(parent, markdown) {
  const text = String(markdown)
  let cursor = 0
  for (const match of text.matchAll(inlinePattern)) {
    parent.append(document.createTextNode(text.slice(cursor, match.index)))
    const [whole, bold, code, linkText, href] = match
    if (bold !== undefined) {
      const strong = document.createElement('strong')
      appendMarkdown(strong, bold)
      parent.append(strong)
    } else if (code !== undefined) {
      const element = document.createElement('code')
      element.textContent = code
      parent.append(element)
    } else {
      appendLink(parent, linkText, href)
    }
    cursor = match.index + whole.length
  }
  parent.append(document.createTextNode(text.slice(cursor)))
}
