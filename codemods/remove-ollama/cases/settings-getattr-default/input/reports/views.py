from reports.writer import summary


def report_view(rows):
    return {"summary": summary(rows)}
