import { PDFDocument, StandardFonts } from 'pdf-lib'

export interface PayslipDocument {
  companyName: string
  collaboratorName: string
  jobName: string
  year: string
  month: string
}

/** A one-page payslip: small, valid, and built only when someone downloads it. */
export async function renderPayslipPdf(payslip: PayslipDocument): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  document.setTitle(`Bulletin de paie ${payslip.month}/${payslip.year}`)
  document.setProducer('Passerelle PayFit sandbox')
  const font = await document.embedFont(StandardFonts.Helvetica)
  const page = document.addPage([595, 842])
  const lines = [
    'BULLETIN DE PAIE (sandbox)',
    payslip.companyName,
    `Periode : ${payslip.month}/${payslip.year}`,
    `Salarie : ${payslip.collaboratorName}`,
    `Emploi : ${payslip.jobName}`,
  ]
  lines.forEach((line, index) => {
    page.drawText(toWinAnsi(line), {
      x: 50,
      y: 780 - index * 24,
      size: index === 0 ? 16 : 12,
      font,
    })
  })
  return document.save({ useObjectStreams: false })
}

/** Helvetica's standard encoding has no combining marks: drop accents rather than fail. */
function toWinAnsi(text: string): string {
  return text.normalize('NFD').replace(/[^\x20-\x7e]/g, '')
}
