export { formInteractionsPlugin, type FormInteractionsOptions } from './form-interactions-plugin';
export { fileDownloadsPlugin, type FileDownloadsOptions } from './file-downloads-plugin';
export { FORM_STARTED, FORM_SUBMITTED, formDestination, formOf, formProperties } from './form-properties';
export { DOWNLOAD_EXTENSIONS, FILE_DOWNLOADED, downloadProperties } from './file-download';
