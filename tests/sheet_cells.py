"""The Dokumentationsark's rows as a reader sees them: each row's cells by column key, read from the page."""

from html.parser import HTMLParser


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.in_body = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif self.in_body and tag == "td":
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def shown_rows(response):
    """[{column key: the cell's text}] of the page's rows, in the order shown."""
    reader = _Cells()
    reader.feed(response.content.decode())
    keys = [column.key for column, _frozen in response.context["columns"]]
    return [dict(zip(keys, cells, strict=True)) for cells in reader.rows]
