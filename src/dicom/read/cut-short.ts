import type {DicomDataset} from './dicom-file.js'
import {firstText} from './tags.js'

/*
 * Storage SOP classes whose objects always carry pixel data (the Image Pixel module is mandatory in their IODs,
 * PS3.3 Annex A): CR, DX/MG/IO (for presentation and processing), CT and enhanced CT, US and US multi-frame,
 * MR and enhanced MR, NM, secondary capture (all five), XA, RF, PET, VL photographic and endoscopic, OP.
 */
const IMAGE_CLASSES: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.2',
  '1.2.840.10008.5.1.4.1.1.1.2.1',
  '1.2.840.10008.5.1.4.1.1.1.3',
  '1.2.840.10008.5.1.4.1.1.1.3.1',
  '1.2.840.10008.5.1.4.1.1.2',
  '1.2.840.10008.5.1.4.1.1.2.1',
  '1.2.840.10008.5.1.4.1.1.3.1',
  '1.2.840.10008.5.1.4.1.1.4',
  '1.2.840.10008.5.1.4.1.1.4.1',
  '1.2.840.10008.5.1.4.1.1.6.1',
  '1.2.840.10008.5.1.4.1.1.7',
  '1.2.840.10008.5.1.4.1.1.7.1',
  '1.2.840.10008.5.1.4.1.1.7.2',
  '1.2.840.10008.5.1.4.1.1.7.3',
  '1.2.840.10008.5.1.4.1.1.7.4',
  '1.2.840.10008.5.1.4.1.1.12.1',
  '1.2.840.10008.5.1.4.1.1.12.2',
  '1.2.840.10008.5.1.4.1.1.20',
  '1.2.840.10008.5.1.4.1.1.128',
  '1.2.840.10008.5.1.4.1.1.77.1.1',
  '1.2.840.10008.5.1.4.1.1.77.1.2',
  '1.2.840.10008.5.1.4.1.1.77.1.4',
  '1.2.840.10008.5.1.4.1.1.77.1.5.1',
  '1.2.840.10008.5.1.4.1.1.77.1.5.2',
])

const PIXEL_DATA = ['7FE00010', '7FE00008', '7FE00009']

/**
 * Why a dataset that parsed to its last byte looks cut short anyway, or undefined. A file truncated exactly at
 * an element boundary parses cleanly; what gives it away is an image object without its pixel data (always the
 * last element), or no dataset at all. Such a file cannot be vouched clean: the identifiers may be in what is
 * missing.
 */
export const cutShort = (ds: DicomDataset, metaSopClass?: string): string | undefined => {
  const keys = Object.keys(ds)
  if (keys.length === 0) return 'the file holds a meta header and no dataset: there is nothing to check'
  // Groups 0000–0007 never appear in a stored dataset (command and reserved groups; 0002 is the meta header):
  // elements there mean bytes that are not a dataset were read as one (a damaged file, a preamble fragment).
  const stray = keys.filter((k) => /^000[0-7]/.test(k))
  if (stray.length > 0) return `the dataset holds element(s) of groups 0000–0007 (${stray.slice(0, 3).map((k) => `(${k.slice(0, 4)},${k.slice(4)})`).join(', ')}), which a stored DICOM object never has: the file is damaged or not DICOM`
  const sopClass = firstText(ds, '00080016') ?? metaSopClass
  // Every composite object names its SOP class (Type 1, SOP Common module); without one nothing says what it is.
  if (!sopClass && !firstText(ds, '00080018')) return 'the dataset names no SOP Class or SOP Instance UID, which every DICOM object has: it looks cut short or damaged'
  if (PIXEL_DATA.some((k) => ds[k] !== undefined)) return undefined
  const imagePixelModule = ds['00280010'] !== undefined || ds['00280011'] !== undefined
  if ((sopClass && IMAGE_CLASSES.has(sopClass)) || imagePixelModule) {
    return `the dataset ends without pixel data (7FE0,0010), which every ${imagePixelModule ? 'object with image rows and columns' : 'image object of its SOP class'} has: the file looks cut short`
  }
  return undefined
}
